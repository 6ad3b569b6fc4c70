#pragma once

#include <mutex>
#include <string>

#include "storage/sqlite_connection.h"
#include "storage/storage.h"

namespace wic::storage {

// Storage in one SQLite file (WAL mode). One connection serialised by a
// mutex: the API answers reads from its cache, so the database sees mostly
// batched writes, and SQLite allows one writer at a time anyway.
class SqliteStorage final : public Storage {
 public:
  // Opens or creates the file at `path` and applies pending migrations.
  explicit SqliteStorage(const std::string& path);

  UpsertCounts upsert_products(const std::vector<Product>& products) override;
  std::optional<Product> find_product(const Gtin& gtin) override;
  std::vector<Product> list_products(const ProductFilter& filter) override;
  CatalogCounts import_catalog(const std::vector<Product>& products,
                              const std::vector<ProduceItem>& produce) override;
  std::int64_t count_produce_items() override;

  UpsertCounts upsert_stores(const std::vector<Store>& stores) override;
  std::optional<Store> find_store(const StoreId& id) override;
  std::vector<Store> list_stores(std::optional<Retailer> retailer) override;

  void write_inventory(const std::vector<InventoryRecord>& records) override;
  std::optional<InventoryRecord> find_inventory(const StoreId& store, const Gtin& gtin) override;
  InventoryPage list_inventory(const StoreId& store, const InventoryFilter& filter) override;
  std::vector<InventoryRecord> inventory_for_product(const Gtin& gtin) override;

  std::int64_t add_report(const InventoryReport& report, const InventoryRecord& merged) override;
  std::vector<InventoryReport> reports_since(const StoreId& store, const Gtin& gtin, SystemTime since) override;

  std::int64_t create_job(const SyncJob& job) override;
  void update_job(const SyncJob& job) override;
  std::optional<SyncJob> find_job(std::int64_t id) override;
  std::vector<SyncJob> recent_jobs(int limit) override;
  int fail_unfinished_jobs(const std::string& reason, SystemTime now, Duration silent_for) override;

  void put_retailer_item(Retailer retailer, const Gtin& gtin, const std::string& item_id) override;
  std::optional<std::string> find_retailer_item(Retailer retailer, const Gtin& gtin) override;

  std::int64_t add_quota_spend(const std::string& key, SystemTime window_start, std::int64_t count) override;
  std::int64_t quota_spent(const std::string& key, SystemTime window_start) override;
  bool try_take_quota(const std::string& key, SystemTime window_start, SystemTime slot_start, std::int64_t count,
                      std::int64_t limit) override;
  std::int64_t quota_spent_since(const std::string& key, SystemTime window_start) override;
  bool try_acquire_lease(const std::string& name, const std::string& holder, SystemTime now, Duration ttl) override;
  void release_lease(const std::string& name, const std::string& holder) override;
  std::optional<std::string> lease_holder(const std::string& name, SystemTime now) override;
  std::vector<InventoryReport> reports_after(std::int64_t after_id, int limit) override;
  std::int64_t newest_report_id() override;

  CleanupCounts cleanup(SystemTime cutoff) override;
  int schema_version() override;

 private:
  void migrate();
  // The *_locked helpers expect the caller to hold mutex_ and a transaction.
  void write_inventory_locked(const std::vector<InventoryRecord>& records);
  UpsertCounts upsert_products_locked(const std::vector<Product>& products);
  UpsertCounts upsert_produce_locked(const std::vector<ProduceItem>& items);

  std::mutex mutex_;
  SqliteConnection connection_;
};

}  // namespace wic::storage
