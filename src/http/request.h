#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wic::http {

// Header fields in the order received. Names keep the sender's case and are
// compared case-insensitively (RFC 9110, section 5.1).
using Headers = std::vector<std::pair<std::string, std::string>>;

// Value of the first field named `name` (case-insensitive), if any.
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

// One HTTP request as a handler sees it.
struct Request {
  std::string method;          // as sent, e.g. "GET"
  std::string target;          // origin form as sent: path and query, still percent-encoded
  Headers headers;
  std::string body;
  std::string client_address;  // "ip:port" of the peer

  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

}  // namespace wic::http
