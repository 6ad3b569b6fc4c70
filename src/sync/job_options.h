#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>

#include "core/clock.h"
#include "core/retailer.h"
#include "core/stock.h"
#include "storage/records.h"
#include "sync/call_counts.h"

namespace wic::sync {

// Silence after which a pending or running job counts as abandoned: its
// record was not written for this long on the clock, so the process that
// ran it is gone. A live job writes its record after each batch and during
// retry waits, every record_interval. The longest gap is therefore one
// batch's calls (3 attempts of up to 20 s each, with back-off, per call). Processes on
// one database compare each other's clocks here, so their clocks must
// agree to well within this.
// NOTE: a Walmart batch of 20 products whose item ids are unknown makes
// 20 UPC lookups in a row; if every one of them times out, the record can
// go quiet for longer than this and a starting process fails the live job.
inline constexpr Duration kDefaultAbandonedAfter = std::chrono::minutes{5};

struct JobOptions {
  // Most concurrent calls of one job; the retailer's burst caps it too, and
  // its rate limiter sets the pace.
  int max_concurrency = 8;
  // Tries of one GTIN, the first included, while its failure is retryable.
  int max_attempts = 3;
  // Retry batches a job may send: this share of its planned calls, and at
  // least min_retry_budget.
  double retry_budget_share = 0.1;
  std::int64_t min_retry_budget = 5;
  // Wait before the first retry, doubled for each later one, and at least
  // the retailer's Retry-After.
  Duration retry_delay = std::chrono::seconds{2};
  Duration max_retry_delay = std::chrono::seconds{60};
  // Clock time between updates of the job record while it runs.
  Duration record_interval = std::chrono::seconds{2};
  // Silence after which fail_unfinished_jobs() takes a job as abandoned.
  Duration abandoned_after = kDefaultAbandonedAfter;
};

// Position of a running job, passed to the progress callback after each
// batch from a worker thread.
struct JobProgress {
  std::int64_t job_id = 0;
  Retailer retailer = Retailer::kWalmart;
  std::int64_t batches_done = 0;
  std::int64_t batches_total = 0;  // grows when a batch is retried
  std::int64_t pairs_done = 0;
  std::int64_t pairs_total = 0;
  std::int64_t requests = 0;
};
using ProgressCallback = std::function<void(const JobProgress&)>;

// Outcome of a finished job.
struct JobReport {
  storage::SyncJob job;  // the final record
  std::int64_t stores = 0;
  std::int64_t products = 0;
  // Store-product pairs answered, by status; kUnknown counts products the
  // retailer does not carry or know.
  std::map<StockStatus, std::int64_t> by_status;
  std::int64_t retries = 0;  // batches sent again after a retryable failure
  // Pairs not asked because the pass stopped (quota spent, credentials
  // rejected, breaker open, cancelled); they keep their previous record.
  std::int64_t not_asked = 0;
  std::string stop_reason;  // why the pass stopped early; empty when it ran through
  CallCounts calls;         // naive and lower bound, for comparison with job.requests
  Duration elapsed{};       // on the job's clock
};

}  // namespace wic::sync
