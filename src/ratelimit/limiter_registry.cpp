#include "ratelimit/limiter_registry.h"

#include <fmt/format.h>

namespace wic::ratelimit {

LimiterRegistry::LimiterRegistry(const LimitsConfig& limits, std::shared_ptr<Clock> clock,
                                 std::shared_ptr<QuotaLedger> ledger) {
  for (const auto& [key, config] : limits) {
    limiters_.emplace(key, std::make_shared<RateLimiter>(key, config, clock, ledger));
  }
}

std::shared_ptr<RateLimiter> LimiterRegistry::find(Retailer retailer, std::string_view endpoint) const {
  const auto it = limiters_.find(fmt::format("{}:{}", to_string(retailer), endpoint));
  return it == limiters_.end() ? nullptr : it->second;
}

std::vector<LimiterStatus> LimiterRegistry::status() const {
  std::vector<LimiterStatus> statuses;
  for (const auto& [key, limiter] : limiters_) {
    statuses.push_back(limiter->status());
  }
  return statuses;
}

}  // namespace wic::ratelimit
