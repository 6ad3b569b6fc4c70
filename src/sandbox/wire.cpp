#include "sandbox/wire.h"

#include "core/simulated_time.h"

#include <algorithm>
#include <boost/beast/core/string.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <openssl/evp.h>

namespace wic::sandbox {

http::Reply json_reply(int status, const boost::json::value& body) {
  return http::Reply::json(status, boost::json::serialize(body));
}

namespace {

std::optional<std::string_view> credentials_of(const http::Request& request, std::string_view scheme) {
  const auto header = request.header("Authorization");
  if (!header || header->size() <= scheme.size() ||
      !boost::beast::iequals(header->substr(0, scheme.size()), scheme) || (*header)[scheme.size()] != ' ') {
    return std::nullopt;
  }
  std::string_view value = header->substr(scheme.size() + 1);
  while (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  return value;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string decoded(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts each '=' of padding as a zero byte.
  std::size_t padding = 0;
  for (auto it = text.rbegin(); it != text.rend() && *it == '=' && padding < 2; ++it) {
    ++padding;
  }
  decoded.resize(static_cast<std::size_t>(length) - padding);
  return decoded;
}

std::optional<BasicCredentials> parse_basic_auth(const http::Request& request) {
  const auto encoded = credentials_of(request, "Basic");
  if (!encoded || encoded->empty()) {
    return std::nullopt;
  }
  const auto decoded = decode_base64(*encoded);
  if (!decoded) {
    return std::nullopt;
  }
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) {
    return std::nullopt;
  }
  return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::optional<std::string> parse_bearer_token(const http::Request& request) {
  const auto token = credentials_of(request, "Bearer");
  if (!token || token->empty()) {
    return std::nullopt;
  }
  return std::string(*token);
}

std::int64_t epoch_milliseconds(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string format_utc(SystemTime time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(time));
}

std::optional<SystemTime> parse_utc(std::string_view text) {
  // The sandbox also takes a time without the trailing Z, read as UTC.
  if (!text.empty() && text.back() != 'Z') {
    return parse_utc_time(std::string(text) + "Z");
  }
  return parse_utc_time(text);
}

std::string retry_after_seconds(Duration wait) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
  return std::to_string(std::max<std::int64_t>(seconds, 1));
}

std::optional<double> parse_decimal(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace wic::sandbox
