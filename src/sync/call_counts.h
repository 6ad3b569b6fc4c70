#pragma once

#include <cstdint>
#include <vector>

#include "core/gtin.h"
#include "retailers/connector.h"
#include "storage/storage.h"

namespace wic::sync {

// Retailer calls a job over some stores and products needs.
struct CallCounts {
  // One call per store and product, as a design without batching spends.
  std::int64_t naive = 0;
  // Fewest calls the retailer's API allows: per store, the products in
  // batches of max_batch_size() (Kroger); for online-only stock, the
  // products once for all stores, known item ids in batches and one UPC
  // lookup for each product whose item id is not yet known (Walmart).
  std::int64_t lower_bound = 0;
};

// Products of an online-only retailer by what asking for them costs.
struct ItemIdCounts {
  std::size_t unmapped = 0;  // item id unknown: one UPC lookup each
  std::size_t no_upc = 0;    // no item id and no UPC-A to look it up by: no call at all
};

CallCounts count_calls(retailers::StockScope scope, std::size_t max_batch_size, std::size_t stores,
                       std::size_t products, ItemIdCounts item_ids = {});

// Walmart products among `gtins` by whether their item id is in storage.
// Other retailers need no item id: all zero.
ItemIdCounts count_item_ids(Retailer retailer, const std::vector<Gtin>& gtins, storage::Storage& storage);

}  // namespace wic::sync
