#include "storage/sqlite_storage.h"

#include <spdlog/spdlog.h>

#include "storage/migrations.h"
#include "storage/sqlite_rows.h"

namespace wic::storage {

SqliteStorage::SqliteStorage(const std::string& path) : connection_(path) { migrate(); }

// Applies every migration newer than the recorded schema version, each in
// its own transaction together with its row in schema_version.
void SqliteStorage::migrate() {
  std::lock_guard lock(mutex_);
  connection_.exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");

  for (const Migration& migration : sqlite_migrations()) {
    Transaction transaction(connection_);
    auto applied = connection_.prepare("SELECT 1 FROM schema_version WHERE version = ?");
    applied.bind(1, migration.version);
    if (applied.step()) {
      continue;
    }

    connection_.exec(migration.sql);
    const auto now = std::chrono::system_clock::now();
    connection_.prepare("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")
        .bind(1, migration.version)
        .bind(2, migration.description)
        .bind(3, rows::to_millis(now))
        .run();
    transaction.commit();
    spdlog::info("event=migration_applied version={} description=\"{}\"", migration.version, migration.description);
  }
}

int SqliteStorage::schema_version() {
  std::lock_guard lock(mutex_);
  auto statement = connection_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  statement.step();
  return static_cast<int>(statement.integer(0));
}

}  // namespace wic::storage
