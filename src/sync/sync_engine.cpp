#include "sync/sync_engine.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sync/job_run.h"

namespace wic::sync {

SyncEngine::SyncEngine(std::shared_ptr<ConnectorRefresher> refresher, std::shared_ptr<storage::Storage> storage,
                       std::shared_ptr<Clock> clock, JobOptions options)
    : refresher_(std::move(refresher)),
      storage_(std::move(storage)),
      clock_(std::move(clock)),
      options_(options) {}

SyncEngine::~SyncEngine() { stop(); }

int SyncEngine::fail_unfinished_jobs() {
  const int failed = fail_abandoned_jobs(*storage_, clock_->system_now(), options_.abandoned_after);
  if (failed > 0) {
    spdlog::warn("sync: marked {} jobs failed whose record was not written for {} s: the process running them "
                 "ended before they finished",
                 failed, std::chrono::duration_cast<std::chrono::seconds>(options_.abandoned_after).count());
  }
  return failed;
}

int fail_abandoned_jobs(storage::Storage& storage, SystemTime now, Duration abandoned_after) {
  return storage.fail_unfinished_jobs("the process running the job ended before it finished; rerun it", now,
                                      abandoned_after);
}

Result<JobReport> SyncEngine::run(const JobSpec& spec, ProgressCallback progress,
                                  const ratelimit::CancellationToken* cancel) {
  Result<storage::SyncJob> job = record(spec);
  if (!job) {
    return job.error();
  }
  return execute(*job, spec, std::move(progress), cancel);
}

Result<std::int64_t> SyncEngine::start(const JobSpec& spec) {
  Result<storage::SyncJob> job = record(spec);
  if (!job) {
    return job.error();
  }

  std::lock_guard lock(mutex_);
  if (stopping_) {
    storage::SyncJob refused = *job;
    refused.status = storage::JobStatus::kFailed;
    refused.error = "the sync engine is shutting down";
    refused.finished_at = clock_->system_now();
    refused.updated_at = refused.finished_at;
    storage_->update_job(refused);
    return Error{"sync_stopping", "the sync engine is shutting down; start the job again after the restart"};
  }

  Background& background = background_.emplace_back();
  background.id = job->id;
  background.cancel = std::make_unique<ratelimit::CancellationToken>();
  background.thread = std::thread([this, job = *job, spec, cancel = background.cancel.get()] {
    execute(job, spec, {}, cancel);
  });
  return job->id;
}

Result<JobReport> SyncEngine::rerun(std::int64_t job_id, ProgressCallback progress) {
  const std::optional<storage::SyncJob> previous = storage_->find_job(job_id);
  if (!previous) {
    return Error{"job_not_found", fmt::format("sync job {} not found; `wic-inventory stats` lists recent jobs", job_id)};
  }
  Result<JobSpec> spec = spec_of(*previous);
  if (!spec) {
    return spec.error();
  }
  spdlog::info("sync: rerunning job {} as a new job", job_id);
  return run(*spec, std::move(progress));
}

bool SyncEngine::wait(std::int64_t job_id) {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    for (auto it = background_.begin(); it != background_.end(); ++it) {
      if (it->id == job_id) {
        thread = std::move(it->thread);
        // The token stays alive until the thread ends, so the entry goes
        // after the join.
        break;
      }
    }
  }
  if (!thread.joinable()) {
    return false;
  }
  thread.join();

  std::lock_guard lock(mutex_);
  background_.remove_if([job_id](const Background& entry) { return entry.id == job_id; });
  return true;
}

void SyncEngine::stop() {
  std::list<Background> running;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (Background& entry : background_) {
      entry.cancel->cancel();
    }
    running.splice(running.end(), background_);
  }
  for (Background& entry : running) {
    if (entry.thread.joinable()) {
      entry.thread.join();
    }
  }
}

Result<storage::SyncJob> SyncEngine::record(const JobSpec& spec) {
  for (const StoreId& store : spec.stores) {
    if (store.retailer() != spec.retailer) {
      return Error{"store_of_other_retailer",
                   fmt::format("store {} is not a {} store; sync one retailer at a time", store.str(),
                               to_string(spec.retailer))};
    }
  }
  if (spec.products.kind == ProductScope::Kind::kList && spec.products.gtins.empty()) {
    return Error{"no_products", "no products named: pass at least one UPC, or sync formula or all products"};
  }

  storage::SyncJob job;
  job.retailer = spec.retailer;
  for (const StoreId& store : spec.stores) {
    job.store_ids.push_back(store.str());
  }
  job.product_scope = to_string(spec.products);
  job.status = storage::JobStatus::kPending;
  job.updated_at = clock_->system_now();
  job.id = storage_->create_job(job);
  return job;
}

JobReport SyncEngine::execute(storage::SyncJob job, const JobSpec& spec, ProgressCallback progress,
                              const ratelimit::CancellationToken* cancel) {
  JobRun run(std::move(job), spec, *refresher_, *storage_, clock_, options_, std::move(progress), cancel);
  return run.run();
}

}  // namespace wic::sync
