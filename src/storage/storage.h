#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace wic::storage {

struct ProductFilter {
  std::optional<std::string> state;
  std::optional<std::string> category;
  bool formula_only = false;
};

struct InventoryFilter {
  std::vector<Gtin> gtins;  // empty: all
  std::optional<std::string> category;
  std::optional<StockStatus> status;
  bool formula_only = false;
  int limit = 200;
  int offset = 0;
};

// A page of a store's inventory, with the total before paging.
struct InventoryPage {
  std::vector<InventoryRecord> records;
  std::int64_t total = 0;
};

// The service's persistent state. SQLite implements it for one process;
// PostgreSQL will implement it for several. Every method that writes does so
// in one transaction: it either takes effect whole or not at all. Methods
// throw StorageError when the database fails; bad input is rejected by
// callers before it gets here.
// Implementations are safe to call from several threads.
class Storage {
 public:
  virtual ~Storage() = default;

  // Catalog.
  virtual UpsertCounts upsert_products(const std::vector<Product>& products) = 0;
  virtual std::optional<Product> find_product(const Gtin& gtin) = 0;
  virtual std::vector<Product> list_products(const ProductFilter& filter) = 0;
  // Upserts a state list's products and produce codes in one transaction.
  struct CatalogCounts {
    UpsertCounts products;
    UpsertCounts produce;
  };
  virtual CatalogCounts import_catalog(const std::vector<Product>& products,
                                       const std::vector<ProduceItem>& produce) = 0;
  virtual std::int64_t count_produce_items() = 0;

  // Stores.
  virtual UpsertCounts upsert_stores(const std::vector<Store>& stores) = 0;
  virtual std::optional<Store> find_store(const StoreId& id) = 0;
  virtual std::vector<Store> list_stores(std::optional<Retailer> retailer = std::nullopt) = 0;

  // Inventory. write_inventory replaces the record of each (store, GTIN).
  virtual void write_inventory(const std::vector<InventoryRecord>& records) = 0;
  virtual std::optional<InventoryRecord> find_inventory(const StoreId& store, const Gtin& gtin) = 0;
  virtual InventoryPage list_inventory(const StoreId& store, const InventoryFilter& filter) = 0;
  virtual std::vector<InventoryRecord> inventory_for_product(const Gtin& gtin) = 0;

  // Shopper reports: appends the report to the log and replaces the
  // inventory record with `merged`, in one transaction. Returns the report id.
  virtual std::int64_t add_report(const InventoryReport& report, const InventoryRecord& merged) = 0;
  virtual std::vector<InventoryReport> reports_since(const StoreId& store, const Gtin& gtin, SystemTime since) = 0;

  // Sync jobs.
  virtual std::int64_t create_job(const SyncJob& job) = 0;  // returns the new id
  virtual void update_job(const SyncJob& job) = 0;
  virtual std::optional<SyncJob> find_job(std::int64_t id) = 0;
  virtual std::vector<SyncJob> recent_jobs(int limit) = 0;
  // Marks failed, with `reason`, every pending or running job whose record
  // was last written before `now - silent_for` (or never stamped): jobs
  // whose process died. A job that another live process runs keeps
  // running, because its record is written every few seconds. Returns how
  // many it marked.
  virtual int fail_unfinished_jobs(const std::string& reason, SystemTime now, Duration silent_for) = 0;

  // Retailer item ids: the retailer's own id for a GTIN (Walmart's itemId).
  virtual void put_retailer_item(Retailer retailer, const Gtin& gtin, const std::string& item_id) = 0;
  virtual std::optional<std::string> find_retailer_item(Retailer retailer, const Gtin& gtin) = 0;

  // Spent retailer quota, so that a restart does not spend a day's quota
  // twice. `key` names the quota (e.g. "walmart:items:day"); `window_start` is
  // the window's start. add_quota_spend adds `count` and returns the new total.
  virtual std::int64_t add_quota_spend(const std::string& key, SystemTime window_start, std::int64_t count) = 0;
  virtual std::int64_t quota_spent(const std::string& key, SystemTime window_start) = 0;

  // Takes `count` from a quota that every process on this database shares.
  // Atomically, across processes: sums what `key` spent in the slots that
  // start at or after `window_start` and, only when that sum plus `count`
  // stays within `limit`, adds `count` to the slot starting at `slot_start`.
  // Returns whether it took them.
  virtual bool try_take_quota(const std::string& key, SystemTime window_start, SystemTime slot_start,
                              std::int64_t count, std::int64_t limit) = 0;
  // What `key` spent in the slots that start at or after `window_start`.
  virtual std::int64_t quota_spent_since(const std::string& key, SystemTime window_start) = 0;

  // Leases: at most one holder of a named lease at a time, across every
  // process on this database, for electing one scheduler. A holder renews
  // by acquiring again before `ttl` runs out; a holder that stops renewing
  // (it died or hung) loses the lease when its `ttl` has passed.
  // try_acquire_lease returns whether `holder` holds the lease now.
  virtual bool try_acquire_lease(const std::string& name, const std::string& holder, SystemTime now,
                                 Duration ttl) = 0;
  virtual void release_lease(const std::string& name, const std::string& holder) = 0;
  virtual std::optional<std::string> lease_holder(const std::string& name, SystemTime now) = 0;

  // Shopper reports with an id above `after_id`, oldest first, at most
  // `limit`: how API replicas learn of each other's reports.
  virtual std::vector<InventoryReport> reports_after(std::int64_t after_id, int limit) = 0;
  // Id of the newest shopper report, or 0 when there is none: where a
  // process starts following the feed.
  virtual std::int64_t newest_report_id() = 0;

  // Housekeeping: removes inventory records last updated before `cutoff` and
  // reports taken before it. Returns the rows removed from each.
  struct CleanupCounts {
    std::int64_t inventory = 0;
    std::int64_t reports = 0;
  };
  virtual CleanupCounts cleanup(SystemTime cutoff) = 0;

  // Schema version after migrations.
  virtual int schema_version() = 0;
};

class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens the database that `location` names: a file path for SQLite, or a
// postgresql:// URL. Applies pending migrations before returning.
std::unique_ptr<Storage> open_storage(const std::string& location);

}  // namespace wic::storage
