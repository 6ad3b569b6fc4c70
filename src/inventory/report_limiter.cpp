#include "inventory/report_limiter.h"

#include <spdlog/spdlog.h>

namespace wic::inventory {

ReportLimiter::ReportLimiter(ReportLimitOptions options, std::shared_ptr<Clock> clock)
    : options_(options), clock_(std::move(clock)) {}

ReportPermit ReportLimiter::try_accept(const std::string& client_key) {
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(client_key);
  if (found == buckets_.end()) {
    if (buckets_.size() >= options_.max_clients) {
      drop_idle_locked();
    }
    const double rate_per_second = options_.reports_per_hour / 3600.0;
    found = buckets_.emplace(client_key, std::make_unique<ratelimit::TokenBucket>(rate_per_second, options_.burst, clock_))
                .first;
  }

  const ratelimit::Grant grant = found->second->try_consume(1);
  return ReportPermit{grant.granted, grant.granted ? Duration::zero() : grant.wait};
}

void ReportLimiter::drop_idle_locked() {
  const std::size_t before = buckets_.size();
  std::erase_if(buckets_, [](const auto& entry) { return entry.second->available() >= entry.second->burst(); });
  spdlog::info("inventory: report limiter dropped {} idle clients of {}", before - buckets_.size(), before);
}

std::size_t ReportLimiter::clients() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace wic::inventory
