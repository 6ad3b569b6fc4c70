// SqliteStorage: what processes sharing the database coordinate through:
// shared quota, leases and the report feed.

#include <chrono>

#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace wic::storage {

bool SqliteStorage::try_take_quota(const std::string& key, SystemTime window_start, SystemTime slot_start,
                                   std::int64_t count, std::int64_t limit) {
  std::lock_guard lock(mutex_);
  // BEGIN IMMEDIATE takes SQLite's write lock, so the check and the spend
  // are atomic across processes as well as threads.
  Transaction transaction(connection_);

  auto spent = connection_.prepare("SELECT COALESCE(SUM(spent), 0) FROM quota_usage WHERE quota_key = ? AND "
                                   "window_start >= ?");
  spent.bind(1, key).bind(2, rows::to_millis(window_start));
  spent.step();
  if (spent.integer(0) + count > limit) {
    return false;
  }

  connection_
      .prepare(
          "INSERT INTO quota_usage (quota_key, window_start, spent) VALUES (?, ?, ?) "
          "ON CONFLICT (quota_key, window_start) DO UPDATE SET spent = spent + excluded.spent")
      .bind(1, key)
      .bind(2, rows::to_millis(slot_start))
      .bind(3, count)
      .run();
  transaction.commit();
  return true;
}

std::int64_t SqliteStorage::quota_spent_since(const std::string& key, SystemTime window_start) {
  std::lock_guard lock(mutex_);
  auto spent = connection_.prepare("SELECT COALESCE(SUM(spent), 0) FROM quota_usage WHERE quota_key = ? AND "
                                   "window_start >= ?");
  spent.bind(1, key).bind(2, rows::to_millis(window_start));
  spent.step();
  return spent.integer(0);
}

bool SqliteStorage::try_acquire_lease(const std::string& name, const std::string& holder, SystemTime now,
                                      Duration ttl) {
  std::lock_guard lock(mutex_);
  const std::int64_t expires_at = rows::to_millis(now + std::chrono::duration_cast<SystemTime::duration>(ttl));

  // Taken when free, expired or already ours; otherwise the row stays as is
  // and RETURNING gives nothing.
  auto upsert = connection_.prepare(
      "INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET "
      "holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR "
      "leases.expires_at <= ?4 RETURNING holder");
  upsert.bind(1, name).bind(2, holder).bind(3, expires_at).bind(4, rows::to_millis(now));
  const bool taken = upsert.step();
  upsert.run();
  return taken;
}

void SqliteStorage::release_lease(const std::string& name, const std::string& holder) {
  std::lock_guard lock(mutex_);
  connection_.prepare("DELETE FROM leases WHERE name = ? AND holder = ?").bind(1, name).bind(2, holder).run();
}

std::optional<std::string> SqliteStorage::lease_holder(const std::string& name, SystemTime now) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare("SELECT holder FROM leases WHERE name = ? AND expires_at > ?");
  select.bind(1, name).bind(2, rows::to_millis(now));
  if (!select.step()) {
    return std::nullopt;
  }
  return select.text(0);
}

std::vector<InventoryReport> SqliteStorage::reports_after(std::int64_t after_id, int limit) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(
      "SELECT id, store_id, gtin, status, quantity_range, aisle, user_id, client_key, reported_at "
      "FROM inventory_reports WHERE id > ? ORDER BY id LIMIT ?");
  select.bind(1, after_id).bind(2, limit);

  std::vector<InventoryReport> reports;
  while (select.step()) {
    reports.push_back(rows::read_report(select));
  }
  return reports;
}

std::int64_t SqliteStorage::newest_report_id() {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare("SELECT COALESCE(MAX(id), 0) FROM inventory_reports");
  select.step();
  return select.integer(0);
}

}  // namespace wic::storage
