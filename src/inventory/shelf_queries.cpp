// The service's list queries: a store's shelf and the stores near a point
// that have a product.

#include <algorithm>
#include <map>

#include "inventory/inventory_service.h"
#include "stores/store_search.h"

namespace wic::inventory {
namespace {

// Order of statuses in a nearby list: where a shopper is likeliest to find
// the product first.
int status_rank(StockStatus status) {
  switch (status) {
    case StockStatus::kInStock:
      return 0;
    case StockStatus::kLowStock:
      return 1;
    case StockStatus::kUnknown:
      return 2;
    case StockStatus::kOutOfStock:
      return 3;
  }
  return 2;
}

}  // namespace

CacheEntryPtr InventoryService::entry_for_record(const storage::InventoryRecord& record) {
  const std::string key = cache_key(record.store_id, record.gtin);
  if (auto cached = cache_.find(key)) {
    return cached;
  }

  auto entry = std::make_shared<CacheEntry>();
  entry->record = record;
  if (record.report_count > 0) {
    entry->reports = recent_reports(record.store_id, record.gtin);
  }
  entry->is_formula = is_formula(record.gtin);
  entry->storage_read_at = clock_->monotonic_now();
  cache_.put(key, entry);
  return entry;
}

ShelfPage InventoryService::shelf(const StoreId& store, const ShelfQuery& query) {
  storage::InventoryFilter filter;
  filter.gtins = query.gtins;
  filter.category = query.category;
  filter.status = query.status;
  filter.formula_only = query.formula_only;
  filter.limit = query.limit;
  filter.offset = query.offset;
  const storage::InventoryPage page = storage_.list_inventory(store, filter);

  // NOTE: the status filter applies to the stored status; an item whose
  // answer became `unknown` with age, or that reports changed since the
  // last write, may show a status other than the one filtered on.
  ShelfPage shelf;
  shelf.total = page.total;
  shelf.items.reserve(page.records.size());
  for (const auto& record : page.records) {
    record_lookup(record.store_id, record.gtin);
    shelf.items.push_back(answer_for(record.store_id, record.gtin, *entry_for_record(record)));
  }
  return shelf;
}

NearbyResult InventoryService::nearby(const NearbyQuery& query) {
  const auto all_stores = catalog_.stores();
  const auto near = stores::stores_near(*all_stores, query.center, query.radius_miles);

  std::map<StoreId, storage::InventoryRecord> records;
  for (auto& record : storage_.inventory_for_product(query.gtin)) {
    records.emplace(record.store_id, std::move(record));
  }

  NearbyResult result;
  for (const auto& candidate : near) {
    const auto found = records.find(candidate.store.id);
    if (found == records.end()) {
      continue;  // no record: nothing says the store carries the product
    }
    const auto entry = entry_for_record(found->second);
    result.stores.push_back(
        NearbyStore{candidate.store, candidate.distance_miles, answer_for(candidate.store.id, query.gtin, *entry)});
  }
  result.total = result.stores.size();

  std::stable_sort(result.stores.begin(), result.stores.end(), [](const NearbyStore& a, const NearbyStore& b) {
    const int rank_a = status_rank(a.answer.status);
    const int rank_b = status_rank(b.answer.status);
    if (rank_a != rank_b) {
      return rank_a < rank_b;
    }
    return a.distance_miles < b.distance_miles;
  });
  if (query.limit > 0 && result.stores.size() > query.limit) {
    result.stores.erase(result.stores.begin() + static_cast<std::ptrdiff_t>(query.limit), result.stores.end());
  }

  // Count and refresh what a shopper is about to be shown.
  for (const auto& shown : result.stores) {
    record_lookup(shown.store.id, query.gtin);
    if (shown.answer.stale) {
      coordinator_.request(shown.store.id, query.gtin);
    }
  }
  return result;
}

}  // namespace wic::inventory
