#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/retailer.h"
#include "ratelimit/limits_config.h"
#include "ratelimit/quota_ledger.h"
#include "ratelimit/rate_limiter.h"

namespace wic::ratelimit {

// One rate limiter per retailer endpoint, built once at start-up and shared
// by every connector and sync worker. Thread-safe after construction.
class LimiterRegistry {
 public:
  // Throws std::invalid_argument for an invalid config. `ledger` may be null.
  LimiterRegistry(const LimitsConfig& limits, std::shared_ptr<Clock> clock,
                  std::shared_ptr<QuotaLedger> ledger = nullptr);

  // The limiter of `endpoint` ("affiliate", "products", "locations"), or null
  // when the retailer has no such endpoint.
  std::shared_ptr<RateLimiter> find(Retailer retailer, std::string_view endpoint) const;

  // Status of every limiter, in key order.
  std::vector<LimiterStatus> status() const;

 private:
  std::map<std::string, std::shared_ptr<RateLimiter>, std::less<>> limiters_;
};

}  // namespace wic::ratelimit
