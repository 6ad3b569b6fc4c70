#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "http/reply.h"
#include "http/request.h"

namespace wic::sandbox {

// Helpers both retailers' wire formats use.

http::Reply json_reply(int status, const boost::json::value& body);

// Standard base64 with padding; nothing when `text` is not base64.
std::optional<std::string> decode_base64(std::string_view text);

// Client id and secret of an "Authorization: Basic ..." header.
struct BasicCredentials {
  std::string client_id;
  std::string client_secret;
};
std::optional<BasicCredentials> parse_basic_auth(const http::Request& request);

// Token of an "Authorization: Bearer ..." header.
std::optional<std::string> parse_bearer_token(const http::Request& request);

std::int64_t epoch_milliseconds(SystemTime time);
// "2025-01-31T14:05:00Z"
std::string format_utc(SystemTime time);
// Parses "YYYY-MM-DDTHH:MM[:SS[.mmm]]Z" as UTC, the Z optional.
std::optional<SystemTime> parse_utc(std::string_view text);

// Whole seconds, rounded up, at least 1: the Retry-After of a refusal.
std::string retry_after_seconds(Duration wait);

// Decimal number from `text`, which must be all of it.
std::optional<double> parse_decimal(std::string_view text);
std::optional<std::int64_t> parse_integer(std::string_view text);
bool is_digits(std::string_view text);

}  // namespace wic::sandbox
