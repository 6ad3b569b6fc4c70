#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "retailers/http_client.h"
#include "retailers/retailer_error.h"

namespace wic::retailers {

// The typed error for a non-2xx response, or nothing for a 2xx one.
// 401/403 authentication, 404 not found, 429 rate limited (with its
// Retry-After), anything else upstream. `what` names the call in the
// message, e.g. "walmart items lookup". The message carries the status and
// the retailer's error code, never the body, which could echo a credential.
std::optional<RetailerError> error_for_status(const HttpResponse& response, std::string_view what, SystemTime now);

// The retailer's own error code from a JSON error body, or "" when the body
// has none. Reads Walmart's errors[0].code and error[0].code, Kroger's code,
// errors.code and errors.error, and OAuth's error.
std::string retailer_error_code(std::string_view body);

// Retry-After as delay-seconds or an HTTP-date (RFC 9110), relative to
// `now`. Nothing when absent or unreadable.
std::optional<Duration> parse_retry_after(const HttpResponse& response, SystemTime now);

// Walmart's quota headers: X-Current-Token-Count and
// X-Next-Replenishment-Time (Unix time in milliseconds or seconds).
struct QuotaHeaders {
  std::int64_t remaining = 0;
  std::optional<SystemTime> next_replenishment;
};
std::optional<QuotaHeaders> parse_quota_headers(const HttpResponse& response);

}  // namespace wic::retailers
