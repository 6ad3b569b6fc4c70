#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"

namespace wic::sandbox {

// The quotas the retailers publish, per client. Calls to the token
// endpoints are not counted.
struct QuotaLimits {
  std::int64_t walmart_daily = 5000;            // all Walmart product and store calls
  std::int64_t kroger_products_daily = 10000;   // GET /v1/products
  std::int64_t kroger_locations_daily = 1600;   // GET /v1/locations
  // Calls per client and retailer in one second of the sandbox's clock; 0
  // turns the burst limit off. Neither retailer publishes a number; 20 is
  // the sandbox's choice.
  std::int64_t burst_per_second = 20;
};

// Daily quota that a call spends.
enum class QuotaBucket { kWalmart, kKrogerProducts, kKrogerLocations };

std::string_view to_string(QuotaBucket bucket);  // "walmart", "kroger.products", "kroger.locations"

struct QuotaDecision {
  enum class Outcome { kAllowed, kDailyExhausted, kBurstExceeded };
  Outcome outcome = Outcome::kAllowed;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;   // calls left in the day after this one
  SystemTime replenish_at;      // when the daily count starts again
  Duration retry_after{};       // when refused: until the call would pass

  bool allowed() const { return outcome == Outcome::kAllowed; }
};

struct QuotaUsage {
  QuotaBucket bucket;
  std::string client_id;
  std::int64_t used = 0;
  std::int64_t limit = 0;
  SystemTime window_start;
  SystemTime replenish_at;
};

// Counts calls per (bucket, client) against the daily quotas and the burst
// limit on the sandbox's clock. Walmart's day is the UTC calendar day; a
// Kroger day starts at a client's first call and lasts 24 hours, as Kroger
// documents. A refused call is not counted. Thread-safe.
class QuotaLedger {
 public:
  explicit QuotaLedger(QuotaLimits limits);

  // Counts one call when it is within both limits.
  QuotaDecision spend(QuotaBucket bucket, const std::string& client_id, SystemTime now);
  std::vector<QuotaUsage> usage(SystemTime now) const;
  void reset();
  const QuotaLimits& limits() const { return limits_; }

 private:
  struct Counter {
    SystemTime window_start;
    std::int64_t used = 0;
    std::int64_t burst_second = 0;  // seconds since the epoch of the burst count
    std::int64_t burst_used = 0;
  };

  std::int64_t limit(QuotaBucket bucket) const;
  SystemTime window_start(QuotaBucket bucket, const Counter& counter, SystemTime now) const;

  const QuotaLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::pair<QuotaBucket, std::string>, Counter> counters_;
  // Burst counts are per retailer, so Kroger's two buckets share one.
  std::map<std::pair<int, std::string>, Counter> bursts_;
};

}  // namespace wic::sandbox
