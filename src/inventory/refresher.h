#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/gtin.h"
#include <string_view>

#include "core/result.h"
#include "core/retailer.h"
#include "core/store_id.h"
#include "storage/records.h"

namespace wic::inventory {

enum class BreakerState { kClosed, kOpen, kHalfOpen };

// Name of a breaker state in the API and the metrics: closed, open, half_open.
inline std::string_view to_string(BreakerState state) {
  switch (state) {
    case BreakerState::kClosed:
      return "closed";
    case BreakerState::kOpen:
      return "open";
    case BreakerState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

// What operators and /healthz see of one retailer.
struct RetailerHealth {
  Retailer retailer = Retailer::kWalmart;
  std::optional<SystemTime> last_success;
  std::optional<SystemTime> last_failure;
  std::string last_error;          // message of the last failure; never contains a secret
  double recent_error_rate = 0;    // share of failed calls among the recent ones, 0 to 1
  BreakerState breaker = BreakerState::kClosed;
  std::optional<SystemTime> breaker_retry_at;  // when an open breaker lets a trial call through
  std::int64_t quota_remaining = 0;            // calls left in the tightest quota window
  std::int64_t calls_ok = 0;                   // upstream calls since start, by outcome
  std::int64_t calls_failed = 0;
  std::int64_t calls_rate_limited = 0;
  bool simulated = false;  // true when the retailer is the local sandbox, not the real API
};

// Fetches fresh availability from the retailers and stores it. The sync
// engine implements it over the retailer connectors; the inventory service
// calls it for background refreshes. Implementations are thread-safe.
class Refresher {
 public:
  virtual ~Refresher() = default;

  // Asks the store's retailer for `gtins` at `store`, writes the answers to
  // storage and returns every record written. A retailer whose stock is the
  // same at every store (Walmart online stock) yields records for all its
  // stores from one answer. Fails, writing nothing, when the retailer cannot
  // be asked now: its circuit breaker is open, its quota is spent, or the
  // call failed as a whole.
  virtual Result<std::vector<storage::InventoryRecord>> refresh(const StoreId& store,
                                                                const std::vector<Gtin>& gtins) = 0;

  // Whether a call to `retailer` now would be within its quota and its
  // breaker is not open. Does not spend anything.
  virtual bool can_call(Retailer retailer) = 0;

  virtual std::vector<RetailerHealth> health() = 0;
};

}  // namespace wic::inventory
