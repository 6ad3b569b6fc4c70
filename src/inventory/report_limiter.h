#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "inventory/inventory_options.h"
#include "ratelimit/token_bucket.h"

namespace wic::inventory {

// Outcome of asking to accept one report from a client.
struct ReportPermit {
  bool allowed = false;
  Duration retry_after{};  // when not allowed: wait before the next report passes
};

// Limits shopper reports per client with one token bucket each, on the
// injected clock. Thread-safe.
class ReportLimiter {
 public:
  ReportLimiter(ReportLimitOptions options, std::shared_ptr<Clock> clock);

  // Takes one report token of `client_key` when one is available.
  ReportPermit try_accept(const std::string& client_key);

  std::size_t clients() const;

 private:
  // Drops the buckets that have refilled: their clients are idle, and a
  // new bucket starts full just the same.
  void drop_idle_locked();

  const ReportLimitOptions options_;
  std::shared_ptr<Clock> clock_;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<ratelimit::TokenBucket>> buckets_;  // guarded by mutex_
};

}  // namespace wic::inventory
