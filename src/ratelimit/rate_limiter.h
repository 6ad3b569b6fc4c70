#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "ratelimit/acquire.h"
#include "ratelimit/quota_ledger.h"
#include "ratelimit/quota_window.h"
#include "ratelimit/token_bucket.h"

namespace wic::ratelimit {

// Limits of one retailer endpoint: a token bucket that paces requests and the
// quota windows the retailer publishes.
struct LimiterConfig {
  double rate = 1;   // tokens per second
  double burst = 1;  // tokens
  std::vector<WindowSpec> windows;
};

// Status of a limiter, for operators.
struct LimiterStatus {
  std::string name;  // "<retailer>:<endpoint>"
  double rate = 0;   // tokens per second
  double burst = 0;
  double tokens = 0;  // tokens in the bucket now
  std::vector<WindowStatus> windows;
  // Set while a retailer's 429 or quota headers hold every request back.
  std::optional<SystemTime> held_until;
  // Requests left according to the retailer's last quota headers, counted
  // down since.
  std::optional<std::int64_t> retailer_remaining;
  std::int64_t granted = 0;  // permits granted since start
  std::int64_t rejected = 0;  // try_acquire calls that did not grant
};

// Rate limiter of one retailer endpoint. A request passes only when the
// bucket has the tokens, every quota window allows it and no retailer
// feedback holds requests back. Permits are taken all or nothing across all
// of them. Thread-safe.
class RateLimiter {
 public:
  // `name` is "<retailer>:<endpoint>" and prefixes the ledger keys of the
  // windows; `ledger` may be null. Throws std::invalid_argument for an
  // invalid config.
  RateLimiter(std::string name, const LimiterConfig& config, std::shared_ptr<Clock> clock,
              std::shared_ptr<QuotaLedger> ledger = nullptr);

  // Takes `permits` if everything allows it now; otherwise returns how long
  // to wait.
  Grant try_acquire(std::int64_t permits = 1);

  // How long until `permits` would pass, without taking them.
  Duration time_until(std::int64_t permits) const;

  // Blocks on the clock until the permits are taken, `deadline` cannot be met
  // or `cancel` is set.
  AcquireStatus acquire(std::int64_t permits, MonotonicTime deadline, const CancellationToken* cancel = nullptr);

  // A 429 from the retailer: holds every request back for `retry_after`, or
  // for `fallback` when the response had no Retry-After header.
  void on_rate_limited(std::optional<Duration> retry_after, Duration fallback = std::chrono::seconds{60});

  // Quota headers of a response (Walmart's X-Current-Token-Count and
  // X-Next-Replenishment-Time). With 0 remaining, holds requests until the
  // replenishment; otherwise allows at most `remaining` more until then.
  void on_quota_headers(std::int64_t remaining, std::optional<SystemTime> next_replenishment);

  LimiterStatus status() const;
  const std::string& name() const { return name_; }

 private:
  Grant try_acquire_locked(std::int64_t permits, MonotonicTime monotonic_now, SystemTime system_now);
  Duration time_until_locked(std::int64_t permits, MonotonicTime monotonic_now, SystemTime system_now) const;
  void hold_until_locked(SystemTime until);

  const std::string name_;
  std::shared_ptr<Clock> clock_;

  mutable std::mutex mutex_;
  TokenBucket bucket_;                   // has its own lock, but is only used under mutex_
  mutable std::vector<QuotaWindow> windows_;  // guarded by mutex_; status() drops expired slots
  std::optional<SystemTime> held_until_;  // guarded by mutex_
  // Requests the retailer allows until `retailer_reset_`; guarded by mutex_.
  std::optional<std::int64_t> retailer_remaining_;
  std::optional<SystemTime> retailer_reset_;
  std::int64_t granted_ = 0;
  std::int64_t rejected_ = 0;
};

}  // namespace wic::ratelimit
