#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "core/clock.h"
#include "core/result.h"

namespace wic::retailers {

// Category of a failed retailer call, chosen by what the caller should do next.
enum class ErrorKind {
  kAuthentication,    // credentials rejected or missing: fix the configuration
  kRateLimited,       // by the retailer (429) or by our own quota: retry after `retry_after`
  kNotFound,          // the retailer does not know the product or store
  kUpstream,          // the retailer failed (5xx, unexpected status, connection refused)
  kTimeout,           // no complete response within the timeout
  kMalformedResponse, // the response could not be read: never read it as stock
  kInvalidRequest,    // a request this client should not have built (e.g. a bad store id)
  kCancelled,         // the caller cancelled while waiting for the limiter
};

std::string_view to_string(ErrorKind kind);

// A failed retailer call. `message` names the retailer and what failed; it
// never contains a secret, a token or a response body.
struct RetailerError {
  ErrorKind kind = ErrorKind::kUpstream;
  std::string message;
  int http_status = 0;              // 0 when no HTTP response arrived
  std::string retailer_code;        // the retailer's own code, e.g. "API-4101-400"
  std::optional<Duration> retry_after;
  std::string correlation_id;       // of the last attempt
  int attempts = 0;                 // calls sent to the retailer; 0 when none left this process
};

inline RetailerError make_error(ErrorKind kind, std::string message) {
  RetailerError error;
  error.kind = kind;
  error.message = std::move(message);
  return error;
}

// Whether an error stops the rest of a batch, because every later call
// would fail the same way or spend quota that is not there.
inline bool stops_batch(const RetailerError& error) {
  return error.kind == ErrorKind::kRateLimited || error.kind == ErrorKind::kAuthentication ||
         error.kind == ErrorKind::kCancelled;
}

// Value or RetailerError.
template <typename T>
using RetailerResult = Result<T, RetailerError>;

}  // namespace wic::retailers
