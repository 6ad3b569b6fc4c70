#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "inventory/catalog_index.h"
#include "inventory/inventory_cache.h"
#include "inventory/inventory_options.h"
#include "inventory/item_answer.h"
#include "inventory/refresh_coordinator.h"
#include "inventory/refresher.h"
#include "inventory/report_limiter.h"
#include "storage/storage.h"

namespace wic::inventory {

// A store's shelf, filtered and paged.
struct ShelfQuery {
  std::vector<Gtin> gtins;  // empty: every product
  std::optional<std::string> category;
  std::optional<StockStatus> status;
  bool formula_only = false;
  int limit = 50;
  int offset = 0;
};

struct ShelfPage {
  std::vector<ItemAnswer> items;
  std::int64_t total = 0;  // items matching the filter, before paging
};

struct NearbyQuery {
  Gtin gtin;
  GeoPoint center;
  double radius_miles = 10;
  std::size_t limit = 20;
};

struct NearbyStore {
  storage::Store store;
  double distance_miles = 0;
  ItemAnswer answer;
};

struct NearbyResult {
  std::vector<NearbyStore> stores;  // in stock first, then by distance
  std::size_t total = 0;            // stores within the radius with a record of the product
};

// One shopper's report as the API received it.
struct ReportRequest {
  StoreId store_id;
  Gtin gtin;
  StockStatus status = StockStatus::kUnknown;
  std::optional<QuantityRange> quantity_range;
  std::optional<std::string> aisle;
  std::optional<std::string> user_id;
  std::string client_key;  // who is limited: the client's IP address
};

struct ReportOutcome {
  bool accepted = false;
  std::int64_t report_id = 0;  // when accepted
  std::optional<ItemAnswer> answer;  // when accepted: the item's answer with the report counted
  Duration retry_after{};      // when rate limited
};

// Counters since start.
struct ServiceStats {
  std::int64_t cache_hits = 0;
  std::int64_t cache_misses = 0;
  std::int64_t cache_entries = 0;
  std::int64_t cache_capacity = 0;
  std::int64_t cache_evictions = 0;
  std::int64_t storage_rereads = 0;  // stale entries read again from storage
  std::int64_t fresh_waits = 0;      // fresh=true requests that waited for a refresh
  std::int64_t fresh_timeouts = 0;   // ... of which the refresh missed the deadline or failed
  std::int64_t reports_accepted = 0;
  std::int64_t reports_rate_limited = 0;
  RefreshCounts refreshes;
  std::size_t products = 0;
  std::size_t stores = 0;
};

// Availability of WIC products at stores: answers from memory, refreshes
// stale items in the background through the Refresher, and combines
// shoppers' reports with retailer data. Never fails because a retailer
// did: without data it answers `unknown`. Thread-safe.
class InventoryService {
 public:
  // `refresher` may be null: then answers come from storage only.
  InventoryService(storage::Storage& storage, std::shared_ptr<Refresher> refresher, std::shared_ptr<Clock> clock,
                   InventoryOptions options = {});
  ~InventoryService();  // calls shutdown()

  CatalogIndex& catalog() { return catalog_; }
  const InventoryOptions& options() const { return options_; }

  // Availability of `gtin` at `store`; both must exist in the catalog.
  // Stale data is answered at once and a background refresh starts; with
  // `wait_fresh` the call first waits up to options.fresh_deadline for it.
  ItemAnswer get(const StoreId& store, const Gtin& gtin, bool wait_fresh = false);
  ShelfPage shelf(const StoreId& store, const ShelfQuery& query);
  NearbyResult nearby(const NearbyQuery& query);

  // Logs the report, applies the crowd rule and stores the result, unless
  // the client is over its report limit.
  ReportOutcome report(const ReportRequest& request);

  // Takes records another component of this process wrote to storage (a
  // refresh, a sync job), so cached entries show them at once.
  void on_records_written(const std::vector<storage::InventoryRecord>& records);
  // Takes reports that any process added to storage: each cached (store,
  // GTIN) they name is read again from storage, record and reports, so the
  // next answer counts them. Items not cached are read on their next
  // request anyway. Returns how many cached entries it read again.
  std::size_t on_reports_added(const std::vector<storage::InventoryReport>& reports);

  std::vector<RetailerHealth> health();
  bool has_refresher() const { return coordinator_.has_refresher(); }
  ServiceStats stats() const;

  // Stops background refreshes after the running ones have written their
  // records. Idempotent.
  void shutdown();

 private:
  CacheEntryPtr load_entry(const StoreId& store, const Gtin& gtin, bool is_formula);
  // Reads the item's reports inside the crowd window, the newest
  // kMaxReportsKept of them.
  std::vector<storage::InventoryReport> recent_reports(const StoreId& store, const Gtin& gtin);
  CacheEntryPtr entry_for_record(const storage::InventoryRecord& record);
  ItemAnswer answer_for(const StoreId& store, const Gtin& gtin, const CacheEntry& entry) const;
  bool is_formula(const Gtin& gtin);
  void record_lookup(const StoreId& store, const Gtin& gtin) const;

  storage::Storage& storage_;
  std::shared_ptr<Clock> clock_;
  const InventoryOptions options_;
  CatalogIndex catalog_;
  InventoryCache cache_;
  ReportLimiter report_limiter_;
  RefreshCoordinator coordinator_;

  std::atomic<std::int64_t> cache_hits_{0};
  std::atomic<std::int64_t> cache_misses_{0};
  std::atomic<std::int64_t> storage_rereads_{0};
  std::atomic<std::int64_t> fresh_waits_{0};
  std::atomic<std::int64_t> fresh_timeouts_{0};
  std::atomic<std::int64_t> reports_accepted_{0};
  std::atomic<std::int64_t> reports_rate_limited_{0};
};

}  // namespace wic::inventory
