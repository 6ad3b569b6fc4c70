#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "core/clock.h"
#include "core/gtin.h"
#include "inventory/inventory_service.h"
#include "inventory/refresher.h"
#include "storage/records.h"

namespace wic::api {

// ISO 8601 in UTC with seconds, e.g. "2026-01-02T03:04:05Z".
std::string iso8601(SystemTime time);

// The product code as apps show it: the 12-digit UPC-A when the GTIN has
// one, else its shortest form.
std::string upc_of(const Gtin& gtin);

// The fields of one item answer: storeId, upc, gtin, status, quantity,
// quantityRange, aisle, lastUpdated, ageSeconds, stale, source, confidence,
// reportCount. Absent values are null. `storage` lets a caller build it in a
// stack buffer (boost::json::monotonic_resource) on the read path.
boost::json::object to_json(const inventory::ItemAnswer& answer, boost::json::storage_ptr storage = {});
boost::json::object to_json(const storage::Store& store);
boost::json::object to_json(const inventory::RetailerHealth& health);
boost::json::object to_json(const storage::SyncJob& job);

}  // namespace wic::api
