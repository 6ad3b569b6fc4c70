// SqliteStorage: sync jobs, retailer item ids, spent quota and cleanup.

#include "storage/sqlite_rows.h"
#include "storage/sqlite_storage.h"

namespace wic::storage {
namespace {

constexpr std::string_view kJobColumns =
    "id, retailer, store_ids, product_scope, status, started_at, finished_at, processed, succeeded, failed, "
    "requests, error, updated_at";

std::optional<std::int64_t> optional_millis(const std::optional<SystemTime>& time) {
  if (!time) {
    return std::nullopt;
  }
  return rows::to_millis(*time);
}

std::optional<SystemTime> optional_time(const std::optional<std::int64_t>& millis) {
  if (!millis) {
    return std::nullopt;
  }
  return rows::from_millis(*millis);
}

SyncJob read_job(const Statement& row) {
  SyncJob job;
  job.id = row.integer(0);
  job.retailer = rows::checked(parse_retailer(row.text(1)), "retailer");
  job.store_ids = rows::split_list(row.text(2));
  job.product_scope = row.text(3);
  job.status = rows::checked(parse_job_status(row.text(4)), "status");
  job.started_at = optional_time(row.optional_integer(5));
  job.finished_at = optional_time(row.optional_integer(6));
  job.processed = row.integer(7);
  job.succeeded = row.integer(8);
  job.failed = row.integer(9);
  job.requests = row.integer(10);
  job.error = row.text(11);
  job.updated_at = optional_time(row.optional_integer(12));
  return job;
}

}  // namespace

std::int64_t SqliteStorage::create_job(const SyncJob& job) {
  std::lock_guard lock(mutex_);
  connection_
      .prepare(
          "INSERT INTO sync_jobs (retailer, store_ids, product_scope, status, started_at, finished_at, processed, "
          "succeeded, failed, requests, error, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, to_string(job.retailer))
      .bind(2, rows::join_list(job.store_ids))
      .bind(3, job.product_scope)
      .bind(4, to_string(job.status))
      .bind(5, optional_millis(job.started_at))
      .bind(6, optional_millis(job.finished_at))
      .bind(7, job.processed)
      .bind(8, job.succeeded)
      .bind(9, job.failed)
      .bind(10, job.requests)
      .bind(11, job.error)
      .bind(12, optional_millis(job.updated_at))
      .run();
  return connection_.last_insert_rowid();
}

void SqliteStorage::update_job(const SyncJob& job) {
  std::lock_guard lock(mutex_);
  connection_
      .prepare(
          "UPDATE sync_jobs SET status = ?, started_at = ?, finished_at = ?, processed = ?, succeeded = ?, "
          "failed = ?, requests = ?, error = ?, updated_at = ? WHERE id = ?")
      .bind(1, to_string(job.status))
      .bind(2, optional_millis(job.started_at))
      .bind(3, optional_millis(job.finished_at))
      .bind(4, job.processed)
      .bind(5, job.succeeded)
      .bind(6, job.failed)
      .bind(7, job.requests)
      .bind(8, job.error)
      .bind(9, optional_millis(job.updated_at))
      .bind(10, job.id)
      .run();
  if (connection_.changes() == 0) {
    throw StorageError("cannot update sync job " + std::to_string(job.id) + ": no such job");
  }
}

std::optional<SyncJob> SqliteStorage::find_job(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kJobColumns) + " FROM sync_jobs WHERE id = ?");
  select.bind(1, id);
  if (!select.step()) {
    return std::nullopt;
  }
  return read_job(select);
}

std::vector<SyncJob> SqliteStorage::recent_jobs(int limit) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare(std::string("SELECT ") + std::string(kJobColumns) +
                                    " FROM sync_jobs ORDER BY id DESC LIMIT ?");
  select.bind(1, limit);

  std::vector<SyncJob> jobs;
  while (select.step()) {
    jobs.push_back(read_job(select));
  }
  return jobs;
}

int SqliteStorage::fail_unfinished_jobs(const std::string& reason, SystemTime now, Duration silent_for) {
  std::lock_guard lock(mutex_);
  const SystemTime cutoff = now - std::chrono::duration_cast<SystemTime::duration>(silent_for);
  connection_
      .prepare(
          "UPDATE sync_jobs SET status = 'failed', error = ?, finished_at = ?, updated_at = ? "
          "WHERE status IN ('pending', 'running') AND (updated_at IS NULL OR updated_at < ?)")
      .bind(1, reason)
      .bind(2, rows::to_millis(now))
      .bind(3, rows::to_millis(now))
      .bind(4, rows::to_millis(cutoff))
      .run();
  return connection_.changes();
}

void SqliteStorage::put_retailer_item(Retailer retailer, const Gtin& gtin, const std::string& item_id) {
  std::lock_guard lock(mutex_);
  connection_
      .prepare(
          "INSERT INTO retailer_items (retailer, gtin, item_id) VALUES (?, ?, ?) "
          "ON CONFLICT (retailer, gtin) DO UPDATE SET item_id = excluded.item_id")
      .bind(1, to_string(retailer))
      .bind(2, gtin.gtin14())
      .bind(3, item_id)
      .run();
}

std::optional<std::string> SqliteStorage::find_retailer_item(Retailer retailer, const Gtin& gtin) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare("SELECT item_id FROM retailer_items WHERE retailer = ? AND gtin = ?");
  select.bind(1, to_string(retailer)).bind(2, gtin.gtin14());
  if (!select.step()) {
    return std::nullopt;
  }
  return select.text(0);
}

std::int64_t SqliteStorage::add_quota_spend(const std::string& key, SystemTime window_start, std::int64_t count) {
  std::lock_guard lock(mutex_);
  auto upsert = connection_.prepare(
      "INSERT INTO quota_usage (quota_key, window_start, spent) VALUES (?, ?, ?) "
      "ON CONFLICT (quota_key, window_start) DO UPDATE SET spent = spent + excluded.spent RETURNING spent");
  upsert.bind(1, key).bind(2, rows::to_millis(window_start)).bind(3, count);
  upsert.step();
  const std::int64_t spent = upsert.integer(0);
  upsert.run();
  return spent;
}

std::int64_t SqliteStorage::quota_spent(const std::string& key, SystemTime window_start) {
  std::lock_guard lock(mutex_);
  auto select = connection_.prepare("SELECT spent FROM quota_usage WHERE quota_key = ? AND window_start = ?");
  select.bind(1, key).bind(2, rows::to_millis(window_start));
  return select.step() ? select.integer(0) : 0;
}

Storage::CleanupCounts SqliteStorage::cleanup(SystemTime cutoff) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  const std::int64_t cutoff_millis = rows::to_millis(cutoff);

  CleanupCounts counts;
  connection_.prepare("DELETE FROM inventory WHERE last_updated < ?").bind(1, cutoff_millis).run();
  counts.inventory = connection_.changes();
  connection_.prepare("DELETE FROM inventory_reports WHERE reported_at < ?").bind(1, cutoff_millis).run();
  counts.reports = connection_.changes();
  connection_.prepare("DELETE FROM quota_usage WHERE window_start < ?").bind(1, cutoff_millis).run();

  transaction.commit();
  return counts;
}

}  // namespace wic::storage
