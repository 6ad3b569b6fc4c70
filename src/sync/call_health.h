#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"

namespace wic::sync {

// Outcome of one retailer API call, as health output counts it.
enum class CallOutcome { kOk, kFailed, kRateLimited };

// Counts of one retailer's calls and the share of recent ones that failed.
struct CallHealthSnapshot {
  std::optional<SystemTime> last_success;
  std::optional<SystemTime> last_failure;
  std::string last_error;
  double recent_error_rate = 0;  // 0 to 1, over the last `window` calls
  std::int64_t ok = 0;
  std::int64_t failed = 0;
  std::int64_t rate_limited = 0;
};

// Call outcomes of one retailer since the process started. Thread-safe.
class CallHealth {
 public:
  // `window`: calls the recent error rate looks at.
  explicit CallHealth(std::size_t window = 50);

  // Records `count` calls with the same outcome at `now`. `error` is the
  // message of a failure and must not contain a secret.
  void record(CallOutcome outcome, std::int64_t count, SystemTime now, const std::string& error = {});
  CallHealthSnapshot snapshot() const;

 private:
  const std::size_t window_;
  mutable std::mutex mutex_;
  CallHealthSnapshot counts_;  // guarded by mutex_; recent_error_rate is computed on read
  std::deque<bool> recent_failed_;  // guarded by mutex_; newest last
};

}  // namespace wic::sync
