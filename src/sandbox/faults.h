#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/result.h"

namespace wic::sandbox {

// How often each fault happens, as a share of calls from 0 to 1, and how
// strong it is. Shares of the faults that replace the response (error_500,
// error_503, timeout, reset, rate_limit_storm) add up to at most 1, and so
// do the two body faults.
struct FaultRates {
  double error_500 = 0;         // respond 500 in the retailer's error shape
  double error_503 = 0;         // respond 503 in the retailer's error shape
  double timeout = 0;           // hold the call for timeout_ms, then reset
  double reset = 0;             // close the connection without a response
  double rate_limit_storm = 0;  // respond 429 although the quota is not spent
  double latency = 0;           // delay the response by latency_ms
  double malformed_json = 0;    // a successful response's body is not JSON
  double truncated_json = 0;    // a successful response's body is cut in half
  double revoke_token = 0;      // revoke a valid token before its expiry, then 401
  double drop_product = 0;      // leave one requested product out of the response
  std::chrono::milliseconds latency_ms{0};
  std::chrono::milliseconds timeout_ms{30000};
  std::chrono::seconds storm_retry_after{1};  // Retry-After of a storm 429

  bool any() const;
};

// Fault rates by scope: "all", a retailer ("walmart", "kroger") or an
// endpoint ("walmart.token", "walmart.items", "walmart.stores",
// "kroger.token", "kroger.products", "kroger.locations"). A call uses the
// most specific scope that is set, whole: endpoint, then retailer, then all.
using FaultSettings = std::map<std::string, FaultRates>;

// Scope names a fault setting may use.
bool is_fault_scope(std::string_view scope);

// The faults drawn for one call.
struct FaultDraw {
  enum class Replace { kNone, kError500, kError503, kTimeout, kReset, kRateLimitStorm };
  enum class Body { kNone, kMalformed, kTruncated };

  Replace replace = Replace::kNone;
  Body body = Body::kNone;
  std::chrono::milliseconds latency{0};
  bool revoke_token = false;
  bool drop_product = false;
  std::chrono::milliseconds timeout{0};
  std::chrono::seconds storm_retry_after{1};
};

// Draws faults from a generator seeded with the sandbox's seed. The draws of
// a run depend on the order of calls, which concurrent clients do not fix.
// A rate of 0 or 1 is exact either way. Thread-safe.
class FaultInjector {
 public:
  FaultInjector(std::uint64_t seed, FaultSettings settings);

  FaultDraw draw(std::string_view endpoint);
  FaultSettings settings() const;
  void replace(FaultSettings settings);
  // Sets the scopes in `settings` and keeps the others.
  void merge(const FaultSettings& settings);

 private:
  const FaultRates* rates_for(std::string_view endpoint) const;

  mutable std::mutex mutex_;
  std::mt19937_64 random_;
  FaultSettings settings_;
};

// JSON of the control endpoint: {"all": {"error_500": 0.1, ...}, ...}.
boost::json::value to_json(const FaultSettings& settings);
// Parses and validates; the error names the scope, field and value.
Result<FaultSettings> parse_fault_settings(const boost::json::value& json);

}  // namespace wic::sandbox
