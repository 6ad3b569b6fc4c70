#include "ratelimit/rate_limiter.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace wic::ratelimit {
namespace {

// How long a retailer's remaining count binds when it gives no replenishment
// time: long enough to stop a burst, short enough to recover quickly.
constexpr auto kDefaultReplenishment = std::chrono::minutes{1};

// How long a request refused by a shared quota waits before asking again:
// one slot of the window, when the oldest spend of any process may leave
// it, but at most a minute so that a freed quota is noticed soon.
Duration shared_retry_interval(const QuotaWindow& window) {
  const Duration slot = window.spec().period / window.spec().slots;
  return std::min<Duration>(slot, std::chrono::minutes{1});
}

Duration until(SystemTime later, SystemTime now) {
  return later > now ? std::chrono::duration_cast<Duration>(later - now) : Duration::zero();
}

}  // namespace

RateLimiter::RateLimiter(std::string name, const LimiterConfig& config, std::shared_ptr<Clock> clock,
                         std::shared_ptr<QuotaLedger> ledger)
    : name_(std::move(name)), clock_(std::move(clock)), bucket_(config.rate, config.burst, clock_) {
  const SystemTime now = clock_->system_now();
  for (const WindowSpec& spec : config.windows) {
    windows_.emplace_back(spec, name_ + ":" + spec.name, ledger, now);
  }
}

Grant RateLimiter::try_acquire(std::int64_t permits) {
  const MonotonicTime monotonic_now = clock_->monotonic_now();
  const SystemTime system_now = clock_->system_now();
  std::lock_guard lock(mutex_);

  const Grant grant = try_acquire_locked(permits, monotonic_now, system_now);
  if (grant.granted) {
    granted_ += permits;
  } else {
    ++rejected_;
  }
  return grant;
}

AcquireStatus RateLimiter::acquire(std::int64_t permits, MonotonicTime deadline, const CancellationToken* cancel) {
  return acquire_blocking(*clock_, deadline, cancel, [&] { return try_acquire(permits); });
}

Duration RateLimiter::time_until(std::int64_t permits) const {
  const MonotonicTime monotonic_now = clock_->monotonic_now();
  const SystemTime system_now = clock_->system_now();
  std::lock_guard lock(mutex_);
  return time_until_locked(permits, monotonic_now, system_now);
}

Grant RateLimiter::try_acquire_locked(std::int64_t permits, MonotonicTime monotonic_now, SystemTime system_now) {
  if (retailer_reset_ && *retailer_reset_ <= system_now) {
    retailer_remaining_.reset();
    retailer_reset_.reset();
  }

  // Every limit is asked first, so nothing is taken unless all allow it.
  const Duration wait = time_until_locked(permits, monotonic_now, system_now);
  if (wait > Duration::zero()) {
    return Grant::after(wait);
  }

  // A shared ledger can still refuse: other processes spend from it too.
  // NOTE: a window that granted before a later one refused keeps its count,
  // so a refusal can cost one unused permit of the earlier windows. That
  // errs on the side of never exceeding a quota.
  for (QuotaWindow& window : windows_) {
    if (!window.take(permits, system_now)) {
      return Grant::after(shared_retry_interval(window));
    }
  }
  bucket_.take(static_cast<double>(permits), monotonic_now);
  if (retailer_remaining_) {
    *retailer_remaining_ -= permits;
  }
  return Grant::now();
}

Duration RateLimiter::time_until_locked(std::int64_t permits, MonotonicTime monotonic_now,
                                        SystemTime system_now) const {
  // The longest wait of all limits wins.
  Duration wait = Duration::zero();

  if (held_until_ && *held_until_ > system_now) {
    wait = until(*held_until_, system_now);
  }

  const bool retailer_count_applies = retailer_remaining_ && (!retailer_reset_ || *retailer_reset_ > system_now);
  if (retailer_count_applies && *retailer_remaining_ < permits) {
    wait = std::max(wait, retailer_reset_ ? until(*retailer_reset_, system_now) : Duration::max());
  }

  wait = std::max(wait, bucket_.time_until(static_cast<double>(permits), monotonic_now));
  for (QuotaWindow& window : windows_) {
    wait = std::max(wait, window.time_until(permits, system_now));
  }
  return wait;
}

void RateLimiter::on_rate_limited(std::optional<Duration> retry_after, Duration fallback) {
  const Duration hold = retry_after.value_or(fallback);
  const SystemTime now = clock_->system_now();
  std::lock_guard lock(mutex_);

  hold_until_locked(now + std::chrono::duration_cast<SystemTime::duration>(hold));
  spdlog::warn("rate limiter {}: retailer responseed 429, holding requests for {} ms", name_,
               std::chrono::duration_cast<std::chrono::milliseconds>(hold).count());
}

void RateLimiter::on_quota_headers(std::int64_t remaining, std::optional<SystemTime> next_replenishment) {
  const SystemTime now = clock_->system_now();
  const SystemTime reset = next_replenishment.value_or(now + kDefaultReplenishment);
  std::lock_guard lock(mutex_);

  if (remaining <= 0) {
    hold_until_locked(reset);
    spdlog::warn("rate limiter {}: retailer reports no quota left, holding requests until its replenishment", name_);
    return;
  }
  retailer_remaining_ = remaining;
  retailer_reset_ = reset;
}

void RateLimiter::hold_until_locked(SystemTime until_time) {
  if (!held_until_ || *held_until_ < until_time) {
    held_until_ = until_time;
  }
}

LimiterStatus RateLimiter::status() const {
  const MonotonicTime monotonic_now = clock_->monotonic_now();
  const SystemTime system_now = clock_->system_now();
  std::lock_guard lock(mutex_);

  LimiterStatus status;
  status.name = name_;
  status.rate = bucket_.rate();
  status.burst = bucket_.burst();
  status.tokens = bucket_.available_at(monotonic_now);
  for (QuotaWindow& window : windows_) {
    status.windows.push_back(window.status(system_now));
  }
  if (held_until_ && *held_until_ > system_now) {
    status.held_until = held_until_;
  }
  if (retailer_remaining_ && (!retailer_reset_ || *retailer_reset_ > system_now)) {
    status.retailer_remaining = retailer_remaining_;
  }
  status.granted = granted_;
  status.rejected = rejected_;
  return status;
}

}  // namespace wic::ratelimit
