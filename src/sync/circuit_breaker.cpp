#include "sync/circuit_breaker.h"

#include <algorithm>

namespace wic::sync {

using inventory::BreakerState;

CircuitBreaker::CircuitBreaker(BreakerOptions options, std::shared_ptr<Clock> clock)
    : options_(options), clock_(std::move(clock)), current_open_for_(options.open_for) {}

bool CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  refresh_locked(clock_->monotonic_now());

  switch (state_) {
    case BreakerState::kClosed:
      return true;
    case BreakerState::kOpen:
      return false;
    case BreakerState::kHalfOpen:
      if (trial_in_flight_) {
        return false;
      }
      trial_in_flight_ = true;
      return true;
  }
  return false;
}

bool CircuitBreaker::would_allow() const {
  std::lock_guard lock(mutex_);
  refresh_locked(clock_->monotonic_now());
  return state_ == BreakerState::kClosed || (state_ == BreakerState::kHalfOpen && !trial_in_flight_);
}

void CircuitBreaker::on_success() {
  std::lock_guard lock(mutex_);
  state_ = BreakerState::kClosed;
  trial_in_flight_ = false;
  consecutive_failures_ = 0;
  current_open_for_ = options_.open_for;
}

void CircuitBreaker::on_failure() {
  std::lock_guard lock(mutex_);
  const MonotonicTime now = clock_->monotonic_now();
  refresh_locked(now);

  bool open = false;
  if (state_ == BreakerState::kHalfOpen) {
    // The trial failed: the retailer is still down, so wait longer.
    current_open_for_ = std::min(current_open_for_ * 2, options_.max_open_for);
    open = true;
  } else if (state_ == BreakerState::kClosed) {
    ++consecutive_failures_;
    open = consecutive_failures_ >= options_.failure_threshold;
  }

  if (open) {
    state_ = BreakerState::kOpen;
    trial_in_flight_ = false;
    open_until_ = now + current_open_for_;
    open_until_system_ =
        clock_->system_now() + std::chrono::duration_cast<SystemTime::duration>(current_open_for_);
  }
}

void CircuitBreaker::release_trial() {
  std::lock_guard lock(mutex_);
  trial_in_flight_ = false;
}

BreakerState CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  refresh_locked(clock_->monotonic_now());
  return state_;
}

std::optional<SystemTime> CircuitBreaker::retry_at() const {
  std::lock_guard lock(mutex_);
  refresh_locked(clock_->monotonic_now());
  if (state_ != BreakerState::kOpen) {
    return std::nullopt;
  }
  return open_until_system_;
}

void CircuitBreaker::refresh_locked(MonotonicTime now) const {
  if (state_ == BreakerState::kOpen && now >= open_until_) {
    state_ = BreakerState::kHalfOpen;
    trial_in_flight_ = false;
  }
}

}  // namespace wic::sync
