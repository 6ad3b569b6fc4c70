#include "ratelimit/token_bucket.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace wic::ratelimit {
namespace {

Duration seconds_to_duration(double seconds) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

TokenBucket::TokenBucket(double rate, double burst, std::shared_ptr<Clock> clock)
    : rate_(rate), burst_(burst), clock_(std::move(clock)) {
  if (!(rate > 0) || !std::isfinite(rate)) {
    throw std::invalid_argument(fmt::format("invalid token bucket rate {}: expected a positive number of tokens "
                                            "per second",
                                            rate));
  }
  if (!(burst >= 1) || !std::isfinite(burst)) {
    throw std::invalid_argument(fmt::format("invalid token bucket burst {}: expected at least 1 token", burst));
  }
  empty_since_ = clock_->monotonic_now() - seconds_to_duration(burst_ / rate_);
}

bool TokenBucket::consume(double tokens) { return try_consume(tokens).granted; }

Grant TokenBucket::try_consume(double tokens) {
  const MonotonicTime now = clock_->monotonic_now();
  std::lock_guard lock(mutex_);

  const Duration wait = time_until_locked(tokens, now);
  if (wait != Duration::zero()) {
    return Grant::after(wait);
  }
  take_locked(tokens, now);
  return Grant::now();
}

AcquireStatus TokenBucket::acquire(double tokens, MonotonicTime deadline, const CancellationToken* cancel) {
  return acquire_blocking(*clock_, deadline, cancel, [&] { return try_consume(tokens); });
}

double TokenBucket::available() const { return available_at(clock_->monotonic_now()); }

Duration TokenBucket::time_until(double tokens, MonotonicTime now) const {
  std::lock_guard lock(mutex_);
  return time_until_locked(tokens, now);
}

void TokenBucket::take(double tokens, MonotonicTime now) {
  std::lock_guard lock(mutex_);
  take_locked(tokens, now);
}

double TokenBucket::available_at(MonotonicTime now) const {
  std::lock_guard lock(mutex_);
  return available_locked(now);
}

double TokenBucket::available_locked(MonotonicTime now) const {
  const double elapsed = std::chrono::duration<double>(now - empty_since_).count();
  return std::clamp(elapsed * rate_, 0.0, burst_);
}

Duration TokenBucket::time_until_locked(double tokens, MonotonicTime now) const {
  if (tokens > burst_) {
    return Duration::max();
  }
  const double missing = tokens - available_locked(now);
  if (missing <= 0) {
    return Duration::zero();
  }
  // Rounded up so that a caller who sleeps exactly this long finds the tokens.
  return seconds_to_duration(missing / rate_) + Duration{1};
}

void TokenBucket::take_locked(double tokens, MonotonicTime now) {
  // A bucket that has been full for a while must not bank more than the
  // burst, so the empty time is first moved up to at most one burst ago.
  const MonotonicTime full_since = now - seconds_to_duration(burst_ / rate_);
  empty_since_ = std::max(empty_since_, full_since) + seconds_to_duration(tokens / rate_);
}

}  // namespace wic::ratelimit
