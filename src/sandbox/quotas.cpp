#include "sandbox/quotas.h"

namespace wic::sandbox {
namespace {

constexpr auto kDay = std::chrono::hours(24);

int retailer_of(QuotaBucket bucket) { return bucket == QuotaBucket::kWalmart ? 0 : 1; }

SystemTime start_of_utc_day(SystemTime now) { return std::chrono::floor<std::chrono::days>(now); }

}  // namespace

std::string_view to_string(QuotaBucket bucket) {
  switch (bucket) {
    case QuotaBucket::kWalmart:
      return "walmart";
    case QuotaBucket::kKrogerProducts:
      return "kroger.products";
    case QuotaBucket::kKrogerLocations:
      return "kroger.locations";
  }
  return "unknown";
}

QuotaLedger::QuotaLedger(QuotaLimits limits) : limits_(limits) {}

std::int64_t QuotaLedger::limit(QuotaBucket bucket) const {
  switch (bucket) {
    case QuotaBucket::kWalmart:
      return limits_.walmart_daily;
    case QuotaBucket::kKrogerProducts:
      return limits_.kroger_products_daily;
    case QuotaBucket::kKrogerLocations:
      return limits_.kroger_locations_daily;
  }
  return 0;
}

SystemTime QuotaLedger::window_start(QuotaBucket bucket, const Counter& counter, SystemTime now) const {
  if (bucket == QuotaBucket::kWalmart) {
    return start_of_utc_day(now);
  }
  // Kroger: a new day starts at the first call after the previous day ended.
  if (now >= counter.window_start + kDay || now < counter.window_start) {
    return now;
  }
  return counter.window_start;
}

QuotaDecision QuotaLedger::spend(QuotaBucket bucket, const std::string& client_id, SystemTime now) {
  std::lock_guard lock(mutex_);
  QuotaDecision decision;
  decision.limit = limit(bucket);

  Counter& counter = counters_[{bucket, client_id}];
  // A new counter's window starts at the epoch, so it has ended.
  const SystemTime start = window_start(bucket, counter, now);
  if (start != counter.window_start) {
    counter.window_start = start;
    counter.used = 0;
  }
  decision.replenish_at = counter.window_start + kDay;

  if (counter.used >= decision.limit) {
    decision.outcome = QuotaDecision::Outcome::kDailyExhausted;
    decision.retry_after = std::chrono::duration_cast<Duration>(decision.replenish_at - now);
    return decision;
  }

  const std::int64_t second = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  Counter& burst = bursts_[{retailer_of(bucket), client_id}];
  if (burst.burst_second != second) {
    burst.burst_second = second;
    burst.burst_used = 0;
  }
  if (limits_.burst_per_second > 0 && burst.burst_used >= limits_.burst_per_second) {
    decision.outcome = QuotaDecision::Outcome::kBurstExceeded;
    decision.remaining = decision.limit - counter.used;
    decision.retry_after =
        std::chrono::duration_cast<Duration>(SystemTime(std::chrono::seconds(second + 1)) - now);
    return decision;
  }

  ++counter.used;
  ++burst.burst_used;
  decision.remaining = decision.limit - counter.used;
  return decision;
}

std::vector<QuotaUsage> QuotaLedger::usage(SystemTime now) const {
  std::lock_guard lock(mutex_);
  std::vector<QuotaUsage> usage;
  for (const auto& [key, counter] : counters_) {
    const auto& [bucket, client_id] = key;
    // A window that has ended shows as unused, as the next call would see it.
    const bool ended = now >= counter.window_start + kDay || now < counter.window_start;
    QuotaUsage entry{bucket, client_id, ended ? 0 : counter.used, limit(bucket), counter.window_start,
                     counter.window_start + kDay};
    usage.push_back(std::move(entry));
  }
  return usage;
}

void QuotaLedger::reset() {
  std::lock_guard lock(mutex_);
  counters_.clear();
  bursts_.clear();
}

}  // namespace wic::sandbox
