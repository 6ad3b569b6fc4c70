#pragma once

// Conversions between record fields and column values, shared by the SQLite
// and PostgreSQL implementations.

#include <chrono>
#include <string>

#include "storage/records.h"
#include "storage/storage.h"

namespace wic::storage::rows {

inline std::int64_t to_millis(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

inline SystemTime from_millis(std::int64_t millis) {
  return SystemTime{std::chrono::duration_cast<SystemTime::duration>(std::chrono::milliseconds{millis})};
}

// Values read back from the database passed its CHECK constraints when
// written, so a failure here means the database was changed by other means.
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

inline std::optional<std::string> range_name(const std::optional<QuantityRange>& range) {
  if (!range) {
    return std::nullopt;
  }
  return std::string(to_string(*range));
}

// Splits a comma-separated list; an empty text gives no items.
inline std::vector<std::string> split_list(const std::string& joined) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < joined.size()) {
    const auto comma = joined.find(',', start);
    const auto end = comma == std::string::npos ? joined.size() : comma;
    items.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

inline std::string join_list(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) {
    joined += joined.empty() ? item : "," + item;
  }
  return joined;
}

}  // namespace wic::storage::rows
