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

// `unmapped` is the number of products that need a UPC lookup first;
// it matters for online-only stock only.
CallCounts count_calls(retailers::StockScope scope, std::size_t max_batch_size, std::size_t stores,
                       std::size_t products, std::size_t unmapped);

// Products among `gtins` whose Walmart item id is not in storage and that
// have a UPC-A to look it up by.
std::size_t count_unmapped(Retailer retailer, const std::vector<Gtin>& gtins, storage::Storage& storage);

}  // namespace wic::sync
