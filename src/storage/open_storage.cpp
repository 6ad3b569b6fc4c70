#include <fmt/format.h>

#include "storage/sqlite_storage.h"
#include "storage/storage.h"

namespace wic::storage {

std::unique_ptr<Storage> open_storage(const std::string& location) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    // NOTE: the PostgreSQL implementation is not written yet.
    throw StorageError(fmt::format(
        "cannot open \"{}\": PostgreSQL storage is not available in this build; use a SQLite file path",
        location.substr(0, location.find(':'))));
  }
  if (location.empty()) {
    throw StorageError("missing database path: pass --db PATH or set WIC_INVENTORY_DB");
  }
  return std::make_unique<SqliteStorage>(location);
}

}  // namespace wic::storage
