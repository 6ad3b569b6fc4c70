#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/result.h"
#include "ratelimit/cancellation.h"
#include "storage/storage.h"
#include "sync/connector_refresher.h"
#include "sync/job_options.h"
#include "sync/job_spec.h"

namespace wic::sync {

// Runs recorded sync jobs, in the foreground (the CLI) or on a thread of
// their own (the REST API, the scheduler). Every job is a row of
// storage's sync_jobs: pending, then running, then completed or failed.
// Rerunning a job is safe: each write replaces a (store, GTIN) record.
// Thread-safe.
class SyncEngine {
 public:
  SyncEngine(std::shared_ptr<ConnectorRefresher> refresher, std::shared_ptr<storage::Storage> storage,
             std::shared_ptr<Clock> clock, JobOptions options = {});
  ~SyncEngine();  // cancels background jobs and waits for them

  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // Marks failed the pending or running jobs whose record was not written
  // for options().abandoned_after: their process died. Jobs that another
  // live process runs on the same database keep running. Call at start-up,
  // before starting jobs. Returns how many it marked.
  int fail_unfinished_jobs();

  // Records the job and runs it on this thread. Fails, recording nothing,
  // when the spec is invalid (a store of another retailer); a job that
  // cannot run is recorded as failed and reported.
  Result<JobReport> run(const JobSpec& spec, ProgressCallback progress = {},
                        const ratelimit::CancellationToken* cancel = nullptr);

  // Records the job as pending, starts it on its own thread and returns
  // its id at once.
  Result<std::int64_t> start(const JobSpec& spec);

  // Runs the stores and products of job `job_id` again as a new job.
  Result<JobReport> rerun(std::int64_t job_id, ProgressCallback progress = {});

  // Waits for the background job `job_id`; false when there is none.
  bool wait(std::int64_t job_id);
  // Cancels every background job and waits for them to end.
  void stop();

  ConnectorRefresher& refresher() { return *refresher_; }
  const JobOptions& options() const { return options_; }

 private:
  struct Background {
    std::int64_t id = 0;
    std::unique_ptr<ratelimit::CancellationToken> cancel;
    std::thread thread;
  };

  Result<storage::SyncJob> record(const JobSpec& spec);
  JobReport execute(storage::SyncJob job, const JobSpec& spec, ProgressCallback progress,
                    const ratelimit::CancellationToken* cancel);

  std::shared_ptr<ConnectorRefresher> refresher_;
  std::shared_ptr<storage::Storage> storage_;
  std::shared_ptr<Clock> clock_;
  const JobOptions options_;

  std::mutex mutex_;
  std::list<Background> background_;  // guarded by mutex_
  bool stopping_ = false;             // guarded by mutex_
};

// Marks failed the jobs whose record was not written for `abandoned_after`
// before `now`, with the message every process uses. Returns how many.
int fail_abandoned_jobs(storage::Storage& storage, SystemTime now, Duration abandoned_after);

}  // namespace wic::sync
