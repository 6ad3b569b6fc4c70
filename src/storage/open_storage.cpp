#include <cstdlib>
#include <fmt/format.h>

#include "storage/postgres_storage.h"
#include "storage/sqlite_storage.h"
#include "storage/storage.h"

namespace wic::storage {
namespace {

// Connections each process keeps to PostgreSQL at most, unless
// WIC_POSTGRES_POOL_SIZE says otherwise. Eight covers the API's threads and
// a sync job's concurrent writers; PostgreSQL's default max_connections of
// 100 then allows about ten processes.
constexpr int kDefaultPoolSize = 8;

int pool_size_from_environment() {
  const char* configured = std::getenv("WIC_POSTGRES_POOL_SIZE");
  if (configured == nullptr || *configured == '\0') {
    return kDefaultPoolSize;
  }
  char* end = nullptr;
  const long size = std::strtol(configured, &end, 10);
  if (*end != '\0' || size < 1 || size > 1000) {
    throw StorageError(fmt::format("invalid WIC_POSTGRES_POOL_SIZE \"{}\": expected a number from 1 to 1000",
                                   configured));
  }
  return static_cast<int>(size);
}

}  // namespace

std::unique_ptr<Storage> open_storage(const std::string& location) {
  if (location.empty()) {
    throw StorageError("missing database location: pass --db PATH or set WIC_INVENTORY_DB");
  }
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return std::make_unique<PostgresStorage>(location, pool_size_from_environment());
  }
  return std::make_unique<SqliteStorage>(location);
}

}  // namespace wic::storage
