#pragma once

#include <mutex>
#include <optional>

#include "core/clock.h"
#include "inventory/refresher.h"

namespace wic::sync {

struct BreakerOptions {
  // Consecutive failed calls that open the breaker.
  int failure_threshold = 5;
  // How long an open breaker rejects calls before it lets one trial through.
  Duration open_for = std::chrono::seconds{60};
  // Each trial that fails doubles the open time, up to this.
  Duration max_open_for = std::chrono::minutes{15};
};

// Circuit breaker of one retailer. Closed, it lets every call through and
// counts consecutive failures; after `failure_threshold` of them it opens
// and rejects calls for `open_for`. Then it is half-open: one trial call
// goes through, and its outcome closes the breaker or opens it again for
// twice as long. Time comes from the injected clock. Thread-safe.
class CircuitBreaker {
 public:
  CircuitBreaker(BreakerOptions options, std::shared_ptr<Clock> clock);

  // Whether a call may go out now. In the half-open state the first caller
  // gets the trial and later callers are rejected until it reports back.
  bool allow();
  // Whether allow() would return true, without taking the trial.
  bool would_allow() const;

  void on_success();
  void on_failure();
  // Ends a trial whose call said nothing about the retailer's health (held
  // back by our own quota, cancelled), so that the next caller gets one.
  void release_trial();

  inventory::BreakerState state() const;
  // When an open breaker lets a trial call through; empty unless open.
  std::optional<SystemTime> retry_at() const;

 private:
  void refresh_locked(MonotonicTime now) const;

  const BreakerOptions options_;
  std::shared_ptr<Clock> clock_;

  mutable std::mutex mutex_;
  // A lapsed open state turns half-open when next looked at, even from a
  // const method; these are guarded by mutex_.
  mutable inventory::BreakerState state_ = inventory::BreakerState::kClosed;
  mutable bool trial_in_flight_ = false;
  int consecutive_failures_ = 0;
  Duration current_open_for_;
  MonotonicTime open_until_{};
  SystemTime open_until_system_{};
};

}  // namespace wic::sync
