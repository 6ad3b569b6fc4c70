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

}  // namespace wic::storage::rows
