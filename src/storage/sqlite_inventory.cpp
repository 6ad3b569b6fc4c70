// SqliteStorage: inventory records and shopper reports.

#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace wic::storage {
namespace {

constexpr std::string_view kInventoryColumns =
    "i.store_id, i.gtin, i.status, i.quantity, i.quantity_range, i.aisle, i.last_updated, i.source, "
    "i.confidence, i.report_count";

InventoryRecord read_inventory(const Statement& row) {
  InventoryRecord record{rows::store_id_column(row, 0), rows::gtin_column(row, 1)};
  record.status = rows::checked(parse_stock_status(row.text(2)), "status");
  if (const auto quantity = row.optional_integer(3)) {
    record.quantity = static_cast<int>(*quantity);
  }
  if (const auto range = row.optional_text(4)) {
    record.quantity_range = rows::checked(parse_quantity_range(*range), "quantity_range");
  }
  record.aisle = row.optional_text(5);
  record.last_updated = rows::from_millis(row.integer(6));
  record.source = rows::checked(parse_data_source(row.text(7)), "source");
  record.confidence = static_cast<int>(row.integer(8));
  record.report_count = static_cast<int>(row.integer(9));
  return record;
}

std::optional<std::int64_t> optional_quantity(const std::optional<int>& quantity) {
  if (!quantity) {
    return std::nullopt;
  }
  return *quantity;
}

// Filters shared by the page and its count. ?1 store, ?2 status, ?3
// category, ?4 formula only, ?5 GTIN list as comma-separated GTIN-14s.
constexpr std::string_view kInventoryFilter =
    " FROM inventory i JOIN products p ON p.gtin = i.gtin WHERE i.store_id = ?1 AND (?2 IS NULL OR i.status = ?2) "
    "AND (?3 IS NULL OR p.category = ?3) AND (?4 = 0 OR p.is_formula = 1) "
    "AND (?5 IS NULL OR instr(',' || ?5 || ',', ',' || i.gtin || ',') > 0)";

void bind_inventory_filter(Statement& statement, const StoreId& store, const InventoryFilter& filter) {
  std::optional<std::string> gtins;
  for (const Gtin& gtin : filter.gtins) {
    gtins = gtins ? *gtins + "," + gtin.gtin14() : gtin.gtin14();
  }
  statement.bind(1, store.str())
      .bind(2, filter.status ? std::optional<std::string>(std::string(to_string(*filter.status))) : std::nullopt)
      .bind(3, filter.category)
      .bind(4, filter.formula_only ? 1 : 0)
      .bind(5, gtins);
}

}  // namespace

void SqliteStorage::write_inventory_locked(const std::vector<InventoryRecord>& records) {
  auto upsert = connection_.prepare(
      "INSERT INTO inventory (store_id, gtin, status, quantity, quantity_range, aisle, last_updated, source, "
      "confidence, report_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (store_id, gtin) DO UPDATE SET "
      "status = excluded.status, quantity = excluded.quantity, quantity_range = excluded.quantity_range, "
      "aisle = excluded.aisle, last_updated = excluded.last_updated, source = excluded.source, "
      "confidence = excluded.confidence, report_count = excluded.report_count");

  for (const InventoryRecord& record : records) {
    upsert.reset();
    upsert.bind(1, record.store_id.str())
        .bind(2, record.gtin.gtin14())
        .bind(3, to_string(record.status))
        .bind(4, optional_quantity(record.quantity))
        .bind(5, rows::range_name(record.quantity_range))
        .bind(6, record.aisle)
        .bind(7, rows::to_millis(record.last_updated))
        .bind(8, to_string(record.source))
        .bind(9, record.confidence)
        .bind(10, record.report_count)
        .run();
  }
}

void SqliteStorage::write_inventory(const std::vector<InventoryRecord>& records) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  write_inventory_locked(records);
  transaction.commit();
}

std::optional<InventoryRecord> SqliteStorage::find_inventory(const StoreId& store, const Gtin& gtin) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kInventoryColumns) +
                                    " FROM inventory i WHERE i.store_id = ? AND i.gtin = ?");
  select.bind(1, store.str()).bind(2, gtin.gtin14());
  if (!select.step()) {
    return std::nullopt;
  }
  return read_inventory(select);
}

InventoryPage SqliteStorage::list_inventory(const StoreId& store, const InventoryFilter& filter) {
  std::lock_guard lock(mutex_);
  InventoryPage page;

  auto count = connection_.prepare(std::string("SELECT COUNT(*)") + std::string(kInventoryFilter));
  bind_inventory_filter(count, store, filter);
  count.step();
  page.total = count.integer(0);

  auto select = connection_.prepare(std::string("SELECT ") + std::string(kInventoryColumns) +
                                    std::string(kInventoryFilter) +
                                    " ORDER BY p.is_formula DESC, i.gtin LIMIT ?6 OFFSET ?7");
  bind_inventory_filter(select, store, filter);
  select.bind(6, filter.limit).bind(7, filter.offset);
  while (select.step()) {
    page.records.push_back(read_inventory(select));
  }
  return page;
}

std::vector<InventoryRecord> SqliteStorage::inventory_for_product(const Gtin& gtin) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kInventoryColumns) +
                                    " FROM inventory i WHERE i.gtin = ? ORDER BY i.store_id");
  select.bind(1, gtin.gtin14());

  std::vector<InventoryRecord> records;
  while (select.step()) {
    records.push_back(read_inventory(select));
  }
  return records;
}

std::int64_t SqliteStorage::add_report(const InventoryReport& report, const InventoryRecord& merged) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);

  connection_
      .prepare(
          "INSERT INTO inventory_reports (store_id, gtin, status, quantity_range, aisle, user_id, client_key, "
          "reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, report.store_id.str())
      .bind(2, report.gtin.gtin14())
      .bind(3, to_string(report.status))
      .bind(4, rows::range_name(report.quantity_range))
      .bind(5, report.aisle)
      .bind(6, report.user_id)
      .bind(7, report.client_key)
      .bind(8, rows::to_millis(report.reported_at))
      .run();
  const std::int64_t id = connection_.last_insert_rowid();
  write_inventory_locked({merged});

  transaction.commit();
  return id;
}

std::vector<InventoryReport> SqliteStorage::reports_since(const StoreId& store, const Gtin& gtin, SystemTime since) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(
      "SELECT id, store_id, gtin, status, quantity_range, aisle, user_id, client_key, reported_at "
      "FROM inventory_reports WHERE store_id = ? AND gtin = ? AND reported_at >= ? ORDER BY reported_at, id");
  select.bind(1, store.str()).bind(2, gtin.gtin14()).bind(3, rows::to_millis(since));

  std::vector<InventoryReport> reports;
  while (select.step()) {
    reports.push_back(rows::read_report(select));
  }
  return reports;
}

}  // namespace wic::storage
