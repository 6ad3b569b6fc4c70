#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "retailers/retailer_error.h"
#include "storage/records.h"

namespace wic::retailers {

// Stock of one product in a Kroger products response.
struct KrogerProduct {
  std::string product_id;                 // 13 digits
  std::optional<std::string> stock_level;  // items[0].inventory.stockLevel; empty when absent
  std::optional<std::string> aisle;        // aisleLocations[0].description, else its number
};

// Reads {"data":[...]} from a 2xx response of /v1/products, keyed by
// productId. A response without a data array is kMalformedResponse. When a
// product has several items (sizes), the first item with a stock level
// counts.
RetailerResult<std::map<std::string, KrogerProduct>> parse_kroger_products(const std::string& body);

// Reads {"data":[...]} from a 2xx response of /v1/locations. Locations without
// a valid 8-digit locationId are skipped.
RetailerResult<std::vector<storage::Store>> parse_kroger_locations(const std::string& body);

}  // namespace wic::retailers
