#include "retailers/retailer_error.h"

namespace wic::retailers {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kAuthentication:
      return "authentication_failed";
    case ErrorKind::kRateLimited:
      return "rate_limited";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kUpstream:
      return "upstream_error";
    case ErrorKind::kTimeout:
      return "timeout";
    case ErrorKind::kMalformedResponse:
      return "malformed_response";
    case ErrorKind::kInvalidRequest:
      return "invalid_request";
    case ErrorKind::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace wic::retailers
