#include "sync/call_health.h"

#include <algorithm>

namespace wic::sync {

CallHealth::CallHealth(std::size_t window) : window_(std::max<std::size_t>(window, 1)) {}

void CallHealth::record(CallOutcome outcome, std::int64_t count, SystemTime now, const std::string& error) {
  if (count <= 0) {
    return;
  }
  std::lock_guard lock(mutex_);

  switch (outcome) {
    case CallOutcome::kOk:
      counts_.ok += count;
      counts_.last_success = now;
      break;
    case CallOutcome::kFailed:
      counts_.failed += count;
      counts_.last_failure = now;
      counts_.last_error = error;
      break;
    case CallOutcome::kRateLimited:
      counts_.rate_limited += count;
      break;
  }

  // A call held back by a quota is no sign of a failing retailer, so only
  // answered and failed calls count towards the error rate.
  if (outcome != CallOutcome::kRateLimited) {
    for (std::int64_t i = 0; i < count; ++i) {
      recent_failed_.push_back(outcome == CallOutcome::kFailed);
    }
    while (recent_failed_.size() > window_) {
      recent_failed_.pop_front();
    }
  }
}

CallHealthSnapshot CallHealth::snapshot() const {
  std::lock_guard lock(mutex_);
  CallHealthSnapshot snapshot = counts_;
  if (!recent_failed_.empty()) {
    const auto failed = std::count(recent_failed_.begin(), recent_failed_.end(), true);
    snapshot.recent_error_rate = static_cast<double>(failed) / static_cast<double>(recent_failed_.size());
  }
  return snapshot;
}

}  // namespace wic::sync
