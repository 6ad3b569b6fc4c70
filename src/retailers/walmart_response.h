#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retailers/retailer_error.h"
#include "storage/records.h"

namespace wic::retailers {

// One item of a Walmart affiliate items response.
struct WalmartItem {
  std::string item_id;
  std::optional<std::string> upc;
  std::optional<std::string> stock;  // the `stock` text; empty for a missing field or null
  std::string name;
};

// Reads {"items":[...]} from a 2xx response of /affil/product/v2/items. An
// response without an items array, such as an error body, is
// kMalformedResponse, so it is never read as stock. Items without an itemId
// are skipped.
RetailerResult<std::vector<WalmartItem>> parse_walmart_items(const std::string& body);

// Reads the store locator response: an array of stores, or {"stores":[...]}.
// Fields: no, name, streetAddress, city, stateProvCode, zip, and coordinates
// as [longitude, latitude] (GeoJSON order) or {latitude, longitude}. Stores
// without a valid number are skipped.
RetailerResult<std::vector<storage::Store>> parse_walmart_stores(const std::string& body);

}  // namespace wic::retailers
