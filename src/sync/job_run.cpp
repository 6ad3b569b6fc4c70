#include "sync/job_run.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sync/call_counts.h"
#include "sync/stock_records.h"

namespace wic::sync {
namespace {

bool answered(const retailers::Availability& answer) {
  return !answer.error || answer.error->kind == retailers::ErrorKind::kNotFound;
}

std::vector<std::vector<Gtin>> chunk(const std::vector<Gtin>& gtins, std::size_t size) {
  std::vector<std::vector<Gtin>> chunks;
  for (std::size_t start = 0; start < gtins.size(); start += size) {
    const std::size_t end = std::min(gtins.size(), start + size);
    chunks.emplace_back(gtins.begin() + static_cast<std::ptrdiff_t>(start),
                        gtins.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return chunks;
}

int worker_count(const JobOptions& options, const ratelimit::RateLimiter* limiter, std::size_t batches) {
  double burst = options.max_concurrency;
  if (limiter != nullptr) {
    burst = limiter->status().burst;
  }
  const int by_burst = std::max(1, static_cast<int>(std::floor(burst)));
  const int by_work = static_cast<int>(std::max<std::size_t>(1, batches));
  return std::min({options.max_concurrency, by_burst, by_work});
}

}  // namespace

JobRun::JobRun(storage::SyncJob job, JobSpec spec, ConnectorRefresher& refresher, storage::Storage& storage,
               std::shared_ptr<Clock> clock, const JobOptions& options, ProgressCallback progress,
               const ratelimit::CancellationToken* cancel)
    : job_(std::move(job)),
      spec_(std::move(spec)),
      refresher_(refresher),
      storage_(storage),
      clock_(std::move(clock)),
      options_(options),
      progress_(std::move(progress)),
      cancel_(cancel) {
  position_.job_id = job_.id;
  position_.retailer = job_.retailer;
}

JobReport JobRun::run() {
  started_ = clock_->monotonic_now();
  job_.status = storage::JobStatus::kRunning;
  job_.started_at = clock_->system_now();
  job_.updated_at = job_.started_at;
  storage_.update_job(job_);
  spdlog::info("sync job {} started: retailer={} stores={} products={}", job_.id, to_string(job_.retailer),
               job_.store_ids.empty() ? "all" : fmt::format("{}", job_.store_ids.size()), job_.product_scope);

  try {
    std::shared_ptr<retailers::RetailerConnector> connector = refresher_.connector(spec_.retailer);
    if (connector == nullptr) {
      return finish(fmt::format("{} is not configured: set its credentials, or WIC_SANDBOX_URL for the sandbox",
                                to_string(spec_.retailer)));
    }
    Result<JobTargets> targets = resolve_targets(spec_, storage_);
    if (!targets) {
      return finish(targets.error().message);
    }
    if (targets->stores.empty()) {
      return finish(fmt::format("no {} stores to sync: import them with `wic-inventory stores import` or "
                                "`wic-inventory stores discover`",
                                to_string(spec_.retailer)));
    }
    if (targets->gtins.empty()) {
      return finish("no products to sync: import a product list with `wic-inventory catalog import`");
    }

    std::vector<Batch> batches = plan(*targets, *connector);
    BatchQueue queue(batches);
    const int workers = worker_count(options_, refresher_.limiter(spec_.retailer).get(), batches.size());
    spdlog::info("sync job {}: {} batches over {} stores and {} products, {} workers; naive {} calls, lower bound {}",
                 job_.id, batches.size(), targets->stores.size(), targets->gtins.size(), workers,
                 report_.calls.naive, report_.calls.lower_bound);

    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i) {
      threads.emplace_back([this, &queue] { work(queue); });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
  } catch (const storage::StorageError& error) {
    spdlog::error("sync job {} failed on storage: {}", job_.id, error.what());
    return finish(fmt::format("storage failed: {}", error.what()));
  }

  if (cancel_ != nullptr && cancel_->cancelled()) {
    return finish("cancelled before the end; rerun the job to finish it");
  }
  // One bad item never fails a job; a job in which nothing got an answer
  // did fail.
  if (job_.succeeded == 0 && job_.failed > 0) {
    return finish(!report_.stop_reason.empty() ? report_.stop_reason : "no answer from the retailer: " + first_error_);
  }
  return finish(std::nullopt);
}

std::vector<Batch> JobRun::plan(const JobTargets& targets, const retailers::RetailerConnector& connector) {
  const std::size_t batch_size = std::max<std::size_t>(1, connector.max_batch_size());
  const retailers::StockScope scope = connector.stock_scope();

  report_.stores = static_cast<std::int64_t>(targets.stores.size());
  report_.products = static_cast<std::int64_t>(targets.gtins.size());
  report_.calls = count_calls(scope, batch_size, targets.stores.size(), targets.gtins.size(),
                              count_item_ids(spec_.retailer, targets.gtins, storage_));

  std::vector<Batch> batches;
  if (scope == retailers::StockScope::kOnlineOnly) {
    // One online answer serves every store: ask once, labelled with the
    // first store, and count each GTIN for all the job's stores.
    const auto pairs = static_cast<std::int64_t>(targets.stores.size());
    for (auto& gtins : chunk(targets.gtins, batch_size)) {
      batches.push_back(Batch{targets.stores.front(), std::move(gtins), 1, pairs});
    }
  } else {
    for (const StoreId& store : targets.stores) {
      for (auto& gtins : chunk(targets.gtins, batch_size)) {
        batches.push_back(Batch{store, std::move(gtins), 1, 1});
      }
    }
  }

  position_.batches_total = static_cast<std::int64_t>(batches.size());
  position_.pairs_total = report_.calls.naive;
  retry_budget_ = std::max<std::int64_t>(
      options_.min_retry_budget,
      static_cast<std::int64_t>(std::ceil(options_.retry_budget_share * static_cast<double>(batches.size()))));
  return batches;
}

void JobRun::work(BatchQueue& queue) {
  while (std::optional<Batch> batch = queue.pop()) {
    try {
      process(queue, *batch);
    } catch (const storage::StorageError& error) {
      spdlog::error("sync job {}: storage failed on a batch of {} GTINs at store {}: {}", job_.id,
                    batch->gtins.size(), batch->store.str(), error.what());
      stop(fmt::format("storage failed: {}", error.what()));
      count_not_asked(*batch, batch->gtins.size());
    }
    queue.finish();
    after_batch();
  }
}

void JobRun::process(BatchQueue& queue, const Batch& batch) {
  bool stopped = cancel_ != nullptr && cancel_->cancelled();
  {
    std::lock_guard lock(mutex_);
    stopped = stopped || !report_.stop_reason.empty();
  }
  if (stopped) {
    count_not_asked(batch, batch.gtins.size());
    return;
  }

  BatchOutcome outcome = refresher_.refresh_batch(batch.store, batch.gtins, FailedAnswers::kSkip, cancel_);
  {
    std::lock_guard lock(mutex_);
    job_.requests += outcome.requests;
    position_.requests = job_.requests;
  }
  if (outcome.rejected) {
    stop(outcome.error ? outcome.error->message : "retailer rejected the call");
    count_not_asked(batch, batch.gtins.size());
    return;
  }

  std::vector<Gtin> retry;
  std::vector<Gtin> give_up;
  sort_answers(batch, outcome, retry, give_up);

  if (!give_up.empty()) {
    refresher_.write_unknown(batch.store, give_up);
    spdlog::warn("sync job {}: {} GTINs at store {} failed for good and are now unknown", job_.id, give_up.size(),
                 batch.store.str());
  }
  // A retailer's 429 holds the limiter back for its Retry-After and is
  // retried; our own quota being spent or rejected credentials end the pass.
  if (outcome.error && retailers::stops_batch(*outcome.error) && !is_retryable(*outcome.error)) {
    stop(outcome.error->message);
  }
  if (!retry.empty()) {
    schedule_retry(queue, batch, std::move(retry), outcome);
  }
}

void JobRun::sort_answers(const Batch& batch, const BatchOutcome& outcome, std::vector<Gtin>& retry,
                          std::vector<Gtin>& give_up) {
  std::int64_t not_asked = 0;
  for (const retailers::Availability& answer : outcome.answers) {
    if (answered(answer)) {
      std::lock_guard lock(mutex_);
      report_.by_status[answer.status] += batch.pairs_per_gtin;
      job_.succeeded += batch.pairs_per_gtin;
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      if (first_error_.empty()) {
        first_error_ = answer.error->message;
      }
    }
    if (retailers::stops_batch(*answer.error) && !is_retryable(*answer.error)) {
      ++not_asked;
    } else if (is_retryable(*answer.error) && batch.attempt < options_.max_attempts) {
      retry.push_back(answer.gtin);
    } else {
      give_up.push_back(answer.gtin);
    }
  }
  // The budget counts retry calls, so the GTINs of one batch retry together.
  if (!retry.empty() && !take_retry()) {
    give_up.insert(give_up.end(), retry.begin(), retry.end());
    retry.clear();
  }

  std::lock_guard lock(mutex_);
  job_.failed += static_cast<std::int64_t>(give_up.size()) * batch.pairs_per_gtin;
  job_.failed += not_asked * batch.pairs_per_gtin;
  report_.not_asked += not_asked * batch.pairs_per_gtin;
}

void JobRun::schedule_retry(BatchQueue& queue, const Batch& batch, std::vector<Gtin> retry,
                            const BatchOutcome& outcome) {
  Duration delay = options_.retry_delay;
  for (int i = 1; i < batch.attempt; ++i) {
    delay *= 2;
  }
  delay = std::min(delay, options_.max_retry_delay);
  if (outcome.error && outcome.error->retry_after) {
    delay = std::max(delay, std::min(*outcome.error->retry_after, options_.max_retry_delay));
  }

  spdlog::info("sync job {}: retrying {} GTINs at store {} in {} ms (attempt {} of {}): {}", job_.id, retry.size(),
               batch.store.str(), std::chrono::duration_cast<std::chrono::milliseconds>(delay).count(),
               batch.attempt + 1, options_.max_attempts, outcome.error ? outcome.error->message : "failed answers");
  wait_for_retry(delay);

  {
    std::lock_guard lock(mutex_);
    ++report_.retries;
    ++position_.batches_total;
  }
  queue.push(Batch{batch.store, std::move(retry), batch.attempt + 1, batch.pairs_per_gtin});
}

// Sleeps in steps of the record interval and writes the record between
// them, so that a long wait does not make the job look abandoned.
void JobRun::wait_for_retry(Duration delay) {
  const Duration step = options_.record_interval > Duration::zero() ? options_.record_interval : delay;
  const MonotonicTime until = clock_->monotonic_now() + delay;
  while (clock_->monotonic_now() < until) {
    clock_->sleep_for(std::min<Duration>(until - clock_->monotonic_now(), step));
    save_record(false);
  }
}

bool JobRun::take_retry() {
  std::lock_guard lock(mutex_);
  if (retry_budget_ <= 0) {
    return false;
  }
  --retry_budget_;
  return true;
}

void JobRun::stop(const std::string& reason) {
  std::lock_guard lock(mutex_);
  if (report_.stop_reason.empty()) {
    report_.stop_reason = reason;
    spdlog::warn("sync job {}: stopping the {} pass, the remaining products keep their previous records: {}",
                 job_.id, to_string(job_.retailer), reason);
  }
}

void JobRun::count_not_asked(const Batch& batch, std::size_t gtins) {
  std::lock_guard lock(mutex_);
  const std::int64_t pairs = static_cast<std::int64_t>(gtins) * batch.pairs_per_gtin;
  report_.not_asked += pairs;
  job_.failed += pairs;
}

void JobRun::after_batch() {
  JobProgress position;
  {
    std::lock_guard lock(mutex_);
    ++position_.batches_done;
    job_.processed = job_.succeeded + job_.failed;
    position_.pairs_done = job_.processed;
    position = position_;
  }
  save_record(false);
  if (progress_) {
    progress_(position);
  }
}

void JobRun::save_record(bool force) {
  storage::SyncJob snapshot;
  {
    std::lock_guard lock(mutex_);
    const MonotonicTime now = clock_->monotonic_now();
    if (!force && now - last_saved_ < options_.record_interval) {
      return;
    }
    last_saved_ = now;
    snapshot = job_;
  }
  snapshot.updated_at = clock_->system_now();
  try {
    storage_.update_job(snapshot);
  } catch (const storage::StorageError& error) {
    spdlog::error("sync job {}: progress not saved: {}", job_.id, error.what());
  }
}

JobReport JobRun::finish(std::optional<std::string> failure) {
  std::lock_guard lock(mutex_);
  job_.processed = job_.succeeded + job_.failed;
  job_.finished_at = clock_->system_now();
  job_.updated_at = job_.finished_at;
  if (failure) {
    job_.status = storage::JobStatus::kFailed;
    job_.error = *failure;
  } else {
    job_.status = storage::JobStatus::kCompleted;
  }

  try {
    storage_.update_job(job_);
  } catch (const storage::StorageError& error) {
    spdlog::error("sync job {}: final record not saved: {}", job_.id, error.what());
  }

  report_.job = job_;
  report_.elapsed = clock_->monotonic_now() - started_;
  spdlog::info("sync job {} {}: retailer={} processed={} succeeded={} failed={} requests={} naive={} "
               "lower_bound={} retries={}{}",
               job_.id, to_string(job_.status), to_string(job_.retailer), job_.processed, job_.succeeded, job_.failed,
               job_.requests, report_.calls.naive, report_.calls.lower_bound, report_.retries,
               job_.error.empty() ? "" : " error=" + job_.error);
  return report_;
}

}  // namespace wic::sync
