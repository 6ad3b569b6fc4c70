// PostgresStorage: inventory records and shopper reports.

#include "storage/postgres_storage.h"
#include "storage/row_values.h"

namespace wic::storage {
namespace {

constexpr std::string_view kInventoryColumns =
    "i.store_id, i.gtin, i.status, i.quantity, i.quantity_range, i.aisle, i.last_updated, i.source, "
    "i.confidence, i.report_count";

InventoryRecord read_inventory(const PgResult& result, int row) {
  InventoryRecord record{rows::checked(StoreId::parse(result.text(row, 0))),
                         rows::checked(Gtin::from_gtin14(result.text(row, 1)))};
  record.status = rows::checked(parse_stock_status(result.text(row, 2)), "status");
  if (const auto quantity = result.optional_integer(row, 3)) {
    record.quantity = static_cast<int>(*quantity);
  }
  if (const auto range = result.optional_text(row, 4)) {
    record.quantity_range = rows::checked(parse_quantity_range(*range), "quantity_range");
  }
  record.aisle = result.optional_text(row, 5);
  record.last_updated = rows::from_millis(result.integer(row, 6));
  record.source = rows::checked(parse_data_source(result.text(row, 7)), "source");
  record.confidence = static_cast<int>(result.integer(row, 8));
  record.report_count = static_cast<int>(result.integer(row, 9));
  return record;
}

PgParam optional_number(const std::optional<int>& value) {
  if (!value) {
    return std::nullopt;
  }
  return std::to_string(*value);
}

// Filters shared by the page and its count: $1 store, $2 status, $3
// category, $4 formula only, $5 GTIN-14 array (NULL for all).
constexpr std::string_view kInventoryFilter =
    " FROM inventory i JOIN products p ON p.gtin = i.gtin WHERE i.store_id = $1 "
    "AND ($2::text IS NULL OR i.status = $2) AND ($3::text IS NULL OR p.category = $3) "
    "AND (NOT $4::boolean OR p.is_formula) AND ($5::text[] IS NULL OR i.gtin = ANY($5::text[]))";

std::vector<PgParam> filter_params(const StoreId& store, const InventoryFilter& filter) {
  PgParam gtins;
  if (!filter.gtins.empty()) {
    std::vector<std::optional<std::string>> values;
    for (const Gtin& gtin : filter.gtins) {
      values.emplace_back(gtin.gtin14());
    }
    gtins = to_pg_array(values);
  }
  return {store.str(), filter.status ? PgParam(std::string(to_string(*filter.status))) : std::nullopt,
          filter.category, filter.formula_only ? "true" : "false", gtins};
}

}  // namespace

InventoryReport read_report_row(const PgResult& result, int row) {
  InventoryReport report{result.integer(row, 0), rows::checked(StoreId::parse(result.text(row, 1))),
                         rows::checked(Gtin::from_gtin14(result.text(row, 2)))};
  report.status = rows::checked(parse_stock_status(result.text(row, 3)), "status");
  if (const auto range = result.optional_text(row, 4)) {
    report.quantity_range = rows::checked(parse_quantity_range(*range), "quantity_range");
  }
  report.aisle = result.optional_text(row, 5);
  report.user_id = result.optional_text(row, 6);
  report.client_key = result.text(row, 7);
  report.reported_at = rows::from_millis(result.integer(row, 8));
  return report;
}

void PostgresStorage::write_inventory_on(PgConnection& connection, const std::vector<InventoryRecord>& records) {
  if (records.empty()) {
    return;
  }

  std::vector<std::vector<std::optional<std::string>>> columns(10);
  for (const InventoryRecord& record : records) {
    const std::vector<PgParam> values{record.store_id.str(),
                                      record.gtin.gtin14(),
                                      std::string(to_string(record.status)),
                                      optional_number(record.quantity),
                                      rows::range_name(record.quantity_range),
                                      record.aisle,
                                      std::to_string(rows::to_millis(record.last_updated)),
                                      std::string(to_string(record.source)),
                                      std::to_string(record.confidence),
                                      std::to_string(record.report_count)};
    for (std::size_t i = 0; i < values.size(); ++i) {
      columns[i].push_back(values[i]);
    }
  }

  std::vector<PgParam> params;
  for (const auto& column : columns) {
    params.emplace_back(to_pg_array(column));
  }
  // One statement for the whole batch. DISTINCT ON keeps the last record of
  // a (store, GTIN) that appears twice, since one INSERT may not touch a row
  // twice.
  connection.query(
      "INSERT INTO inventory (store_id, gtin, status, quantity, quantity_range, aisle, last_updated, source, "
      "confidence, report_count) "
      "SELECT DISTINCT ON (store_id, gtin) store_id, gtin, status, quantity, quantity_range, aisle, last_updated, "
      "source, confidence, report_count FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], "
      "$6::text[], $7::bigint[], $8::text[], $9::int[], $10::int[]) WITH ORDINALITY AS t(store_id, gtin, status, "
      "quantity, quantity_range, aisle, last_updated, source, confidence, report_count, position) "
      "ORDER BY store_id, gtin, position DESC "
      "ON CONFLICT (store_id, gtin) DO UPDATE SET status = excluded.status, quantity = excluded.quantity, "
      "quantity_range = excluded.quantity_range, aisle = excluded.aisle, last_updated = excluded.last_updated, "
      "source = excluded.source, confidence = excluded.confidence, report_count = excluded.report_count",
      params);
}

void PostgresStorage::write_inventory(const std::vector<InventoryRecord>& records) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);
  write_inventory_on(*connection, records);
  transaction.commit();
}

std::optional<InventoryRecord> PostgresStorage::find_inventory(const StoreId& store, const Gtin& gtin) {
  auto connection = pool_.acquire();
  const auto result = connection->query(std::string("SELECT ") + std::string(kInventoryColumns) +
                                            " FROM inventory i WHERE i.store_id = $1 AND i.gtin = $2",
                                        {store.str(), gtin.gtin14()});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return read_inventory(result, 0);
}

InventoryPage PostgresStorage::list_inventory(const StoreId& store, const InventoryFilter& filter) {
  auto connection = pool_.acquire();
  InventoryPage page;
  const auto params = filter_params(store, filter);

  page.total = connection->query(std::string("SELECT COUNT(*)") + std::string(kInventoryFilter), params).integer(0, 0);

  auto page_params = params;
  page_params.emplace_back(std::to_string(filter.limit));
  page_params.emplace_back(std::to_string(filter.offset));
  const auto result = connection->query(std::string("SELECT ") + std::string(kInventoryColumns) +
                                            std::string(kInventoryFilter) +
                                            " ORDER BY p.is_formula DESC, i.gtin LIMIT $6 OFFSET $7",
                                        page_params);
  for (int row = 0; row < result.rows(); ++row) {
    page.records.push_back(read_inventory(result, row));
  }
  return page;
}

std::vector<InventoryRecord> PostgresStorage::inventory_for_product(const Gtin& gtin) {
  auto connection = pool_.acquire();
  const auto result = connection->query(std::string("SELECT ") + std::string(kInventoryColumns) +
                                            " FROM inventory i WHERE i.gtin = $1 ORDER BY i.store_id",
                                        {gtin.gtin14()});
  std::vector<InventoryRecord> records;
  for (int row = 0; row < result.rows(); ++row) {
    records.push_back(read_inventory(result, row));
  }
  return records;
}

std::int64_t PostgresStorage::add_report(const InventoryReport& report, const InventoryRecord& merged) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);

  const auto inserted = connection->query(
      "INSERT INTO inventory_reports (store_id, gtin, status, quantity_range, aisle, user_id, client_key, "
      "reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {report.store_id.str(), report.gtin.gtin14(), std::string(to_string(report.status)),
       rows::range_name(report.quantity_range), report.aisle, report.user_id, report.client_key,
       std::to_string(rows::to_millis(report.reported_at))});
  write_inventory_on(*connection, {merged});

  transaction.commit();
  return inserted.integer(0, 0);
}

std::vector<InventoryReport> PostgresStorage::reports_since(const StoreId& store, const Gtin& gtin,
                                                            SystemTime since) {
  auto connection = pool_.acquire();
  const auto result = connection->query(
      "SELECT id, store_id, gtin, status, quantity_range, aisle, user_id, client_key, reported_at "
      "FROM inventory_reports WHERE store_id = $1 AND gtin = $2 AND reported_at >= $3 ORDER BY reported_at, id",
      {store.str(), gtin.gtin14(), std::to_string(rows::to_millis(since))});

  std::vector<InventoryReport> reports;
  for (int row = 0; row < result.rows(); ++row) {
    reports.push_back(read_report_row(result, row));
  }
  return reports;
}

}  // namespace wic::storage
