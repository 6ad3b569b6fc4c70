#pragma once

#include <string>

#include "storage/postgres_connection.h"
#include "storage/storage.h"

namespace wic::storage {

// Storage in PostgreSQL, shared by several processes. Each call leases a
// connection from a pool; bulk writes send a whole batch in one statement
// (multi-row upserts over unnest of arrays), so a large sync is not one
// round trip per row.
class PostgresStorage final : public Storage {
 public:
  // Connects to `url` (a postgresql:// URL), with at most `pool_size`
  // connections, and applies pending migrations under an advisory lock so
  // that processes starting together migrate once.
  PostgresStorage(const std::string& url, int pool_size);

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
  static UpsertCounts upsert_products_on(PgConnection& connection, const std::vector<Product>& products);
  static UpsertCounts upsert_produce_on(PgConnection& connection, const std::vector<ProduceItem>& items);
  static void write_inventory_on(PgConnection& connection, const std::vector<InventoryRecord>& records);

  PgPool pool_;
};

// Reads the columns id, store_id, gtin, status, quantity_range, aisle,
// user_id, client_key, reported_at of inventory_reports.
InventoryReport read_report_row(const PgResult& result, int row);

// Builds a PostgreSQL array literal ({"a","b",NULL}) from text values.
std::string to_pg_array(const std::vector<std::optional<std::string>>& values);

}  // namespace wic::storage
