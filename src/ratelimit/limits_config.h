#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ratelimit/rate_limiter.h"

namespace wic::ratelimit {

// Limits of every retailer endpoint, keyed "<retailer>:<endpoint>":
// "walmart:affiliate" (all Walmart affiliate calls share one key's quota),
// "kroger:products" and "kroger:locations".
using LimitsConfig = std::map<std::string, LimiterConfig>;

// Defaults below the published limits, so that a clock skew or a second
// process does not tip the service over:
// - walmart:affiliate: 2 per second, burst 10, 4,000 a day (5,000 published).
// - kroger:products: 2 per second, burst 10, 9,000 a day (10,000 published).
// - kroger:locations: 1 per second, burst 5, 1,400 a day (1,600 published).
LimitsConfig default_limits();

// Variable that overrides one endpoint's limits:
// "walmart:affiliate" -> "WIC_RATE_LIMIT_WALMART_AFFILIATE".
std::string limits_variable(std::string_view key);

// Parses a limit spec such as "rate=2 burst=10 minute=100 day=4000" on top of
// `base`: keys not given keep their value in `base`. Keys: rate (tokens per
// second), burst (tokens), second, minute, hour, day (requests in that
// window; 0 removes the window). Separators are spaces or commas.
Result<LimiterConfig> parse_limiter_config(std::string_view spec, const LimiterConfig& base);

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The defaults with every WIC_RATE_LIMIT_* override that `lookup` finds.
// The error names the variable, its value and the expected form.
Result<LimitsConfig> limits_from_environment(const EnvironmentLookup& lookup);

}  // namespace wic::ratelimit
