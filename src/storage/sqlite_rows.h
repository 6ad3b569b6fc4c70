#pragma once

// Conversions between records and SQLite rows, shared by the SqliteStorage
// source files.

#include <chrono>
#include <stdexcept>

#include "storage/records.h"
#include "storage/row_values.h"
#include "storage/sqlite_connection.h"
#include "storage/storage.h"

namespace wic::storage::rows {

inline Gtin gtin_column(const Statement& statement, int column) {
  return checked(Gtin::from_gtin14(statement.text(column)));
}

inline StoreId store_id_column(const Statement& statement, int column) {
  return checked(StoreId::parse(statement.text(column)));
}

// Reads the columns id, store_id, gtin, status, quantity_range, aisle,
// user_id, client_key, reported_at of inventory_reports.
inline InventoryReport read_report(const Statement& row) {
  InventoryReport report{row.integer(0), store_id_column(row, 1), gtin_column(row, 2)};
  report.status = checked(parse_stock_status(row.text(3)), "status");
  if (const auto range = row.optional_text(4)) {
    report.quantity_range = checked(parse_quantity_range(*range), "quantity_range");
  }
  report.aisle = row.optional_text(5);
  report.user_id = row.optional_text(6);
  report.client_key = row.text(7);
  report.reported_at = from_millis(row.integer(8));
  return report;
}

}  // namespace wic::storage::rows
