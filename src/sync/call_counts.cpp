#include "sync/call_counts.h"

namespace wic::sync {
namespace {

std::int64_t batches(std::size_t items, std::size_t batch_size) {
  if (batch_size == 0) {
    return static_cast<std::int64_t>(items);
  }
  return static_cast<std::int64_t>((items + batch_size - 1) / batch_size);
}

}  // namespace

CallCounts count_calls(retailers::StockScope scope, std::size_t max_batch_size, std::size_t stores,
                       std::size_t products, ItemIdCounts item_ids) {
  CallCounts counts;
  counts.naive = static_cast<std::int64_t>(stores) * static_cast<std::int64_t>(products);
  if (stores == 0 || products == 0) {
    return counts;
  }

  if (scope == retailers::StockScope::kPerStore) {
    counts.lower_bound = static_cast<std::int64_t>(stores) * batches(products, max_batch_size);
  } else {
    const std::size_t without_id = item_ids.unmapped + item_ids.no_upc;
    const std::size_t mapped = products > without_id ? products - without_id : 0;
    counts.lower_bound = static_cast<std::int64_t>(item_ids.unmapped) + batches(mapped, max_batch_size);
  }
  return counts;
}

ItemIdCounts count_item_ids(Retailer retailer, const std::vector<Gtin>& gtins, storage::Storage& storage) {
  ItemIdCounts counts;
  if (retailer != Retailer::kWalmart) {
    return counts;
  }
  for (const Gtin& gtin : gtins) {
    if (storage.find_retailer_item(retailer, gtin)) {
      continue;
    }
    ++(gtin.upc_a() ? counts.unmapped : counts.no_upc);
  }
  return counts;
}

}  // namespace wic::sync
