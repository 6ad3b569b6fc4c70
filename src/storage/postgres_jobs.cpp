// PostgresStorage: sync jobs, retailer item ids, spent quota and cleanup.

#include "storage/postgres_storage.h"
#include "storage/row_values.h"

namespace wic::storage {
namespace {

constexpr std::string_view kJobSelect =
    "SELECT id, retailer, store_ids, product_scope, status, started_at, finished_at, processed, succeeded, failed, "
    "requests, error, updated_at FROM sync_jobs ";

PgParam optional_millis(const std::optional<SystemTime>& time) {
  if (!time) {
    return std::nullopt;
  }
  return std::to_string(rows::to_millis(*time));
}

std::optional<SystemTime> optional_time(const std::optional<std::int64_t>& millis) {
  if (!millis) {
    return std::nullopt;
  }
  return rows::from_millis(*millis);
}

SyncJob read_job(const PgResult& result, int row) {
  SyncJob job;
  job.id = result.integer(row, 0);
  job.retailer = rows::checked(parse_retailer(result.text(row, 1)), "retailer");
  job.store_ids = rows::split_list(result.text(row, 2));
  job.product_scope = result.text(row, 3);
  job.status = rows::checked(parse_job_status(result.text(row, 4)), "status");
  job.started_at = optional_time(result.optional_integer(row, 5));
  job.finished_at = optional_time(result.optional_integer(row, 6));
  job.processed = result.integer(row, 7);
  job.succeeded = result.integer(row, 8);
  job.failed = result.integer(row, 9);
  job.requests = result.integer(row, 10);
  job.error = result.text(row, 11);
  job.updated_at = optional_time(result.optional_integer(row, 12));
  return job;
}

}  // namespace

std::int64_t PostgresStorage::create_job(const SyncJob& job) {
  auto connection = pool_.acquire();
  return connection
      ->query(
          "INSERT INTO sync_jobs (retailer, store_ids, product_scope, status, started_at, finished_at, processed, "
          "succeeded, failed, requests, error, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
          "RETURNING id",
          {std::string(to_string(job.retailer)), rows::join_list(job.store_ids), job.product_scope,
           std::string(to_string(job.status)), optional_millis(job.started_at), optional_millis(job.finished_at),
           std::to_string(job.processed), std::to_string(job.succeeded), std::to_string(job.failed),
           std::to_string(job.requests), job.error, optional_millis(job.updated_at)})
      .integer(0, 0);
}

void PostgresStorage::update_job(const SyncJob& job) {
  auto connection = pool_.acquire();
  const auto result = connection->query(
      "UPDATE sync_jobs SET status = $1, started_at = $2, finished_at = $3, processed = $4, succeeded = $5, "
      "failed = $6, requests = $7, error = $8, updated_at = $9 WHERE id = $10",
      {std::string(to_string(job.status)), optional_millis(job.started_at), optional_millis(job.finished_at),
       std::to_string(job.processed), std::to_string(job.succeeded), std::to_string(job.failed),
       std::to_string(job.requests), job.error, optional_millis(job.updated_at), std::to_string(job.id)});
  if (result.affected() == 0) {
    throw StorageError("cannot update sync job " + std::to_string(job.id) + ": no such job");
  }
}

std::optional<SyncJob> PostgresStorage::find_job(std::int64_t id) {
  auto connection = pool_.acquire();
  const auto result = connection->query(std::string(kJobSelect) + "WHERE id = $1", {std::to_string(id)});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return read_job(result, 0);
}

std::vector<SyncJob> PostgresStorage::recent_jobs(int limit) {
  auto connection = pool_.acquire();
  const auto result =
      connection->query(std::string(kJobSelect) + "ORDER BY id DESC LIMIT $1", {std::to_string(limit)});
  std::vector<SyncJob> jobs;
  for (int row = 0; row < result.rows(); ++row) {
    jobs.push_back(read_job(result, row));
  }
  return jobs;
}

int PostgresStorage::fail_unfinished_jobs(const std::string& reason, SystemTime now, Duration silent_for) {
  auto connection = pool_.acquire();
  const SystemTime cutoff = now - std::chrono::duration_cast<SystemTime::duration>(silent_for);
  return connection
      ->query(
          "UPDATE sync_jobs SET status = 'failed', error = $1, finished_at = $2, updated_at = $2 "
          "WHERE status IN ('pending', 'running') AND (updated_at IS NULL OR updated_at < $3)",
          {reason, std::to_string(rows::to_millis(now)), std::to_string(rows::to_millis(cutoff))})
      .affected();
}

void PostgresStorage::put_retailer_item(Retailer retailer, const Gtin& gtin, const std::string& item_id) {
  auto connection = pool_.acquire();
  connection->query(
      "INSERT INTO retailer_items (retailer, gtin, item_id) VALUES ($1, $2, $3) "
      "ON CONFLICT (retailer, gtin) DO UPDATE SET item_id = excluded.item_id",
      {std::string(to_string(retailer)), gtin.gtin14(), item_id});
}

std::optional<std::string> PostgresStorage::find_retailer_item(Retailer retailer, const Gtin& gtin) {
  auto connection = pool_.acquire();
  const auto result = connection->query("SELECT item_id FROM retailer_items WHERE retailer = $1 AND gtin = $2",
                                        {std::string(to_string(retailer)), gtin.gtin14()});
  if (result.rows() == 0) {
    return std::nullopt;
  }
  return result.text(0, 0);
}

std::int64_t PostgresStorage::add_quota_spend(const std::string& key, SystemTime window_start, std::int64_t count) {
  auto connection = pool_.acquire();
  // One statement, so concurrent processes add up without losing a spend.
  return connection
      ->query(
          "INSERT INTO quota_usage (quota_key, window_start, spent) VALUES ($1, $2, $3) "
          "ON CONFLICT (quota_key, window_start) DO UPDATE SET spent = quota_usage.spent + excluded.spent "
          "RETURNING spent",
          {key, std::to_string(rows::to_millis(window_start)), std::to_string(count)})
      .integer(0, 0);
}

std::int64_t PostgresStorage::quota_spent(const std::string& key, SystemTime window_start) {
  auto connection = pool_.acquire();
  const auto result = connection->query("SELECT spent FROM quota_usage WHERE quota_key = $1 AND window_start = $2",
                                        {key, std::to_string(rows::to_millis(window_start))});
  return result.rows() == 0 ? 0 : result.integer(0, 0);
}

Storage::CleanupCounts PostgresStorage::cleanup(SystemTime cutoff) {
  auto connection = pool_.acquire();
  PgTransaction transaction(*connection);
  const std::string cutoff_millis = std::to_string(rows::to_millis(cutoff));

  CleanupCounts counts;
  counts.inventory = connection->query("DELETE FROM inventory WHERE last_updated < $1", {cutoff_millis}).affected();
  counts.reports =
      connection->query("DELETE FROM inventory_reports WHERE reported_at < $1", {cutoff_millis}).affected();
  connection->query("DELETE FROM quota_usage WHERE window_start < $1", {cutoff_millis});

  transaction.commit();
  return counts;
}

}  // namespace wic::storage
