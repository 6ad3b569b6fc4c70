#pragma once

// Conversions between records and SQLite rows, shared by the SqliteStorage
// source files.

#include <chrono>
#include <stdexcept>

#include "storage/records.h"
#include "storage/sqlite_connection.h"
#include "storage/storage.h"

namespace wic::storage::rows {

inline std::int64_t to_millis(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

inline SystemTime from_millis(std::int64_t millis) {
  return SystemTime{std::chrono::duration_cast<SystemTime::duration>(std::chrono::milliseconds{millis})};
}

// Values read back from the database passed its CHECK constraints when
// written, so a failure here means the file was changed by other means.
template <typename T>
T checked(const Result<T>& result) {
  if (!result) {
    throw StorageError("database holds an invalid value: " + result.error().message);
  }
  return result.value();
}

template <typename T>
T checked(const std::optional<T>& value, std::string_view column) {
  if (!value) {
    throw StorageError("database holds an invalid value in column " + std::string(column));
  }
  return *value;
}

inline Gtin gtin_column(const Statement& statement, int column) {
  return checked(Gtin::from_gtin14(statement.text(column)));
}

inline StoreId store_id_column(const Statement& statement, int column) {
  return checked(StoreId::parse(statement.text(column)));
}

}  // namespace wic::storage::rows
