#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "core/clock.h"
#include "ratelimit/acquire.h"

namespace wic::ratelimit {

// Token bucket that paces requests: it refills at `rate` tokens per second up
// to `burst` tokens and starts full. The whole state is the monotonic time at
// which the bucket was empty, so there is no timer thread. Time comes from the
// injected clock. Thread-safe.
class TokenBucket {
 public:
  // `rate` in tokens per second (> 0), `burst` in tokens (>= 1). Throws
  // std::invalid_argument otherwise.
  TokenBucket(double rate, double burst, std::shared_ptr<Clock> clock);

  // Takes `tokens` if all are available, else takes none. Returns whether it
  // took them.
  bool consume(double tokens);

  // Takes `tokens` if all are available; otherwise returns how long until
  // they would be (Duration::max() when `tokens` exceeds the burst).
  Grant try_consume(double tokens);

  // Blocks on the clock until `tokens` are taken, `deadline` cannot be met or
  // `cancel` is set.
  AcquireStatus acquire(double tokens, MonotonicTime deadline, const CancellationToken* cancel = nullptr);

  // Tokens available now, between 0 and the burst.
  double available() const;

  // The same operations at an explicit time, for callers that combine the
  // bucket with other limits under their own lock. `now` must not go back
  // in time by more than the burst's refill time.
  Duration time_until(double tokens, MonotonicTime now) const;
  void take(double tokens, MonotonicTime now);
  double available_at(MonotonicTime now) const;

  double rate() const { return rate_; }
  double burst() const { return burst_; }

 private:
  double available_locked(MonotonicTime now) const;
  Duration time_until_locked(double tokens, MonotonicTime now) const;
  void take_locked(double tokens, MonotonicTime now);

  const double rate_;   // tokens per second
  const double burst_;  // tokens
  std::shared_ptr<Clock> clock_;

  mutable std::mutex mutex_;
  MonotonicTime empty_since_;  // guarded by mutex_: the time at which the bucket held no token
};

}  // namespace wic::ratelimit
