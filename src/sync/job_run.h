#pragma once

#include <atomic>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "ratelimit/cancellation.h"
#include "storage/storage.h"
#include "sync/batch_queue.h"
#include "sync/connector_refresher.h"
#include "sync/job_options.h"
#include "sync/job_spec.h"

namespace wic::sync {

// Runs one recorded job to its end: resolves its stores and products, splits
// them into batches by what the retailer allows, lets workers up to the
// retailer's burst send them, retries retryable failures within the budget,
// writes answers that still fail as unknown, and keeps the job record up to
// date. One object per run; run() is called once.
class JobRun {
 public:
  JobRun(storage::SyncJob job, JobSpec spec, ConnectorRefresher& refresher, storage::Storage& storage,
         std::shared_ptr<Clock> clock, const JobOptions& options, ProgressCallback progress,
         const ratelimit::CancellationToken* cancel);

  JobReport run();

 private:
  std::vector<Batch> plan(const JobTargets& targets, const retailers::RetailerConnector& connector);
  void work(BatchQueue& queue);
  void process(BatchQueue& queue, const Batch& batch);
  void sort_answers(const Batch& batch, const BatchOutcome& outcome, std::vector<Gtin>& retry,
                    std::vector<Gtin>& give_up);
  void schedule_retry(BatchQueue& queue, const Batch& batch, std::vector<Gtin> retry, const BatchOutcome& outcome);
  void wait_for_retry(Duration delay);
  bool take_retry();
  void stop(const std::string& reason);
  void count_not_asked(const Batch& batch, std::size_t gtins);
  void after_batch();
  void save_record(bool force);
  JobReport finish(std::optional<std::string> failure);

  storage::SyncJob job_;
  const JobSpec spec_;
  ConnectorRefresher& refresher_;
  storage::Storage& storage_;
  std::shared_ptr<Clock> clock_;
  const JobOptions options_;
  ProgressCallback progress_;
  const ratelimit::CancellationToken* cancel_;
  MonotonicTime started_{};

  std::mutex mutex_;  // guards everything below
  JobReport report_;
  JobProgress position_;
  std::int64_t retry_budget_ = 0;
  MonotonicTime last_saved_{};
  std::string first_error_;  // of a failed answer, for a job in which nothing succeeded
};

}  // namespace wic::sync
