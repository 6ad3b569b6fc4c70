#include "storage/postgres_storage.h"

#include <spdlog/spdlog.h>

#include "storage/migrations.h"
#include "storage/row_values.h"

namespace wic::storage {
namespace {

// Key of the advisory lock held while migrating: any fixed number that no
// other lock of this database uses ("WICM" in ASCII).
constexpr std::int64_t kMigrationLockKey = 0x5749434d;

}  // namespace

std::string to_pg_array(const std::vector<std::optional<std::string>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    if (!values[i]) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (char c : *values[i]) {
      if (c == '"' || c == '\\') {
        out += '\\';
      }
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

PostgresStorage::PostgresStorage(const std::string& url, int pool_size) : pool_(url, pool_size) { migrate(); }

void PostgresStorage::migrate() {
  auto connection = pool_.acquire();
  connection->query("SELECT pg_advisory_lock($1)", {std::to_string(kMigrationLockKey)});

  try {
    connection->exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
    for (const Migration& migration : postgres_migrations()) {
      PgTransaction transaction(*connection);
      if (connection->query("SELECT 1 FROM schema_version WHERE version = $1", {std::to_string(migration.version)})
              .rows() > 0) {
        continue;
      }
      connection->exec(migration.sql);
      connection->query("INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)",
                        {std::to_string(migration.version), std::string(migration.description),
                         std::to_string(rows::to_millis(std::chrono::system_clock::now()))});
      transaction.commit();
      spdlog::info("event=migration_applied backend=postgresql version={} description=\"{}\"", migration.version,
                   migration.description);
    }
  } catch (...) {
    connection->query("SELECT pg_advisory_unlock($1)", {std::to_string(kMigrationLockKey)});
    throw;
  }
  connection->query("SELECT pg_advisory_unlock($1)", {std::to_string(kMigrationLockKey)});
}

int PostgresStorage::schema_version() {
  auto connection = pool_.acquire();
  return static_cast<int>(connection->query("SELECT COALESCE(MAX(version), 0) FROM schema_version").integer(0, 0));
}

}  // namespace wic::storage
