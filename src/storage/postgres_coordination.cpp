// PostgresStorage: what processes sharing the database coordinate through:
// shared quota, leases and the report feed.

#include <chrono>

#include "storage/postgres_storage.h"
#include "storage/row_values.h"

namespace wic::storage {

bool PostgresStorage::try_take_quota(const std::string& key, SystemTime window_start, SystemTime slot_start,
                                     std::int64_t count, std::int64_t limit) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);

  // The transaction-scoped advisory lock on the quota's key serialises
  // every process that takes from it, so the check and the spend are one
  // step and two workers can never both take the last request.
  connection->query("SELECT pg_advisory_xact_lock(hashtext($1))", {key});
  const std::int64_t spent =
      connection
          ->query("SELECT COALESCE(SUM(spent), 0) FROM quota_usage WHERE quota_key = $1 AND window_start >= $2",
                  {key, std::to_string(rows::to_millis(window_start))})
          .integer(0, 0);
  if (spent + count > limit) {
    return false;
  }

  connection->query(
      "INSERT INTO quota_usage (quota_key, window_start, spent) VALUES ($1, $2, $3) "
      "ON CONFLICT (quota_key, window_start) DO UPDATE SET spent = quota_usage.spent + excluded.spent",
      {key, std::to_string(rows::to_millis(slot_start)), std::to_string(count)});
  transaction.commit();
  return true;
}

std::int64_t PostgresStorage::quota_spent_since(const std::string& key, SystemTime window_start) {
  auto connection = pool_.acquire();
  return connection
      ->query("SELECT COALESCE(SUM(spent), 0) FROM quota_usage WHERE quota_key = $1 AND window_start >= $2",
              {key, std::to_string(rows::to_millis(window_start))})
      .integer(0, 0);
}

bool PostgresStorage::try_acquire_lease(const std::string& name, const std::string& holder, SystemTime now,
                                        Duration ttl) {
  auto connection = pool_.acquire();
  const std::int64_t expires_at = rows::to_millis(now + std::chrono::duration_cast<SystemTime::duration>(ttl));

  // Taken when free, expired or already ours; otherwise the row stays as is
  // and RETURNING gives nothing. The upsert is atomic under concurrent
  // callers.
  const auto result = connection->query(
      "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET "
      "holder = excluded.holder, expires_at = excluded.expires_at WHERE leases.holder = excluded.holder OR "
      "leases.expires_at <= $4 RETURNING holder",
      {name, holder, std::to_string(expires_at), std::to_string(rows::to_millis(now))});
  return result.rows() == 1;
}

void PostgresStorage::release_lease(const std::string& name, const std::string& holder) {
  auto connection = pool_.acquire();
  connection->query("DELETE FROM leases WHERE name = $1 AND holder = $2", {name, holder});
}

std::optional<std::string> PostgresStorage::lease_holder(const std::string& name, SystemTime now) {
  auto connection = pool_.acquire();
  const auto result = connection->query("SELECT holder FROM leases WHERE name = $1 AND expires_at > $2",
                                        {name, std::to_string(rows::to_millis(now))});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return result.text(0, 0);
}

std::vector<InventoryReport> PostgresStorage::reports_after(std::int64_t after_id, int limit) {
  auto connection = pool_.acquire();
  const auto result = connection->query(
      "SELECT id, store_id, gtin, status, quantity_range, aisle, user_id, client_key, reported_at "
      "FROM inventory_reports WHERE id > $1 ORDER BY id LIMIT $2",
      {std::to_string(after_id), std::to_string(limit)});

  std::vector<InventoryReport> reports;
  for (int row = 0; row < result.rows(); ++row) {
    reports.push_back(read_report_row(result, row));
  }
  return reports;
}

std::int64_t PostgresStorage::newest_report_id() {
  auto connection = pool_.acquire();
  return connection->query("SELECT COALESCE(MAX(id), 0) FROM inventory_reports", {}).integer(0, 0);
}

}  // namespace wic::storage
