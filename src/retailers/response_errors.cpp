#include "retailers/response_errors.h"

#include <charconv>
#include <ctime>

#include <boost/json.hpp>
#include <fmt/format.h>

namespace wic::retailers {
namespace {

namespace json = boost::json;

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::string string_at(const json::value* value, std::string_view key) {
  if (value == nullptr || !value->is_object()) {
    return "";
  }
  const json::value* field = value->as_object().if_contains(key);
  if (field == nullptr) {
    return "";
  }
  if (field->is_string()) {
    return std::string(field->as_string());
  }
  if (field->is_int64()) {
    return std::to_string(field->as_int64());
  }
  return "";
}

const json::value* first_of_array(const json::value* value) {
  if (value == nullptr || !value->is_array() || value->as_array().empty()) {
    return nullptr;
  }
  return &value->as_array().front();
}

ErrorKind kind_for_status(int status) {
  switch (status) {
    case 401:
    case 403:
      return ErrorKind::kAuthentication;
    case 404:
      return ErrorKind::kNotFound;
    case 429:
      return ErrorKind::kRateLimited;
    default:
      return ErrorKind::kUpstream;
  }
}

}  // namespace

std::string retailer_error_code(std::string_view body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error || !root.is_object()) {
    return "";
  }
  const json::object& object = root.as_object();

  // Walmart: {"errors":[{"code":...}]} or {"error":[{"code":...}]}.
  for (std::string_view key : {"errors", "error"}) {
    if (const json::value* first = first_of_array(object.if_contains(key))) {
      if (std::string code = string_at(first, "code"); !code.empty()) {
        return code;
      }
    }
  }
  // Kroger: {"code":...}, {"errors":{"code":...}} or {"errors":{"error":...}}.
  if (std::string code = string_at(&root, "code"); !code.empty()) {
    return code;
  }
  if (const json::value* errors = object.if_contains("errors")) {
    for (std::string_view key : {"code", "error"}) {
      if (std::string code = string_at(errors, key); !code.empty()) {
        return code;
      }
    }
  }
  // OAuth 2.0 token endpoint: {"error":"invalid_client"}.
  return string_at(&root, "error");
}

std::optional<Duration> parse_retry_after(const HttpResponse& response, SystemTime now) {
  const std::string* header = response.header("retry-after");
  if (header == nullptr) {
    return std::nullopt;
  }
  if (const auto seconds = parse_integer(*header); seconds && *seconds >= 0) {
    return std::chrono::seconds{*seconds};
  }

  std::tm parts{};
  const char* end = strptime(header->c_str(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
  if (end == nullptr || *end != '\0') {
    return std::nullopt;
  }
  const SystemTime at = std::chrono::system_clock::from_time_t(timegm(&parts));
  return at > now ? std::chrono::duration_cast<Duration>(at - now) : Duration::zero();
}

std::optional<QuotaHeaders> parse_quota_headers(const HttpResponse& response) {
  const std::string* count = response.header("x-current-token-count");
  if (count == nullptr) {
    return std::nullopt;
  }
  const auto remaining = parse_integer(*count);
  if (!remaining) {
    return std::nullopt;
  }

  QuotaHeaders headers{*remaining, std::nullopt};
  if (const std::string* next = response.header("x-next-replenishment-time")) {
    if (const auto stamp = parse_integer(*next); stamp && *stamp > 0) {
      // Ten digits are seconds until 2286; thirteen are milliseconds.
      headers.next_replenishment = *stamp >= 100'000'000'000
                                       ? SystemTime{std::chrono::milliseconds{*stamp}}
                                       : SystemTime{std::chrono::seconds{*stamp}};
    }
  }
  return headers;
}

std::optional<RetailerError> error_for_status(const HttpResponse& response, std::string_view what, SystemTime now) {
  if (response.status >= 200 && response.status < 300) {
    return std::nullopt;
  }

  RetailerError error;
  error.kind = kind_for_status(response.status);
  error.http_status = response.status;
  error.retailer_code = retailer_error_code(response.body);
  error.correlation_id = response.correlation_id;
  error.attempts = response.attempts;
  if (error.kind == ErrorKind::kRateLimited) {
    error.retry_after = parse_retry_after(response, now);
  }

  error.message = fmt::format("{} failed with HTTP {}", what, response.status);
  if (!error.retailer_code.empty()) {
    error.message += fmt::format(" ({})", error.retailer_code);
  }
  if (error.kind == ErrorKind::kAuthentication) {
    error.message += ": check the client id and secret";
  }
  return error;
}

}  // namespace wic::retailers
