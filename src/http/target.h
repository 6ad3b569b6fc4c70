#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace wic::http {

// Decoded name=value pairs of a query string or an
// application/x-www-form-urlencoded body, in order.
class Params {
 public:
  Params() = default;
  explicit Params(std::vector<std::pair<std::string, std::string>> pairs) : pairs_(std::move(pairs)) {}

  // Value of the first pair named `name` (case-sensitive, as URLs are).
  std::optional<std::string> get(std::string_view name) const;
  bool contains(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& pairs() const { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// A request target split into its decoded path and query parameters.
struct Target {
  std::string path;
  Params query;
};

// Parses an origin-form request target ("/a/b?x=1&y=2").
Result<Target> parse_target(std::string_view target);

// Parses an application/x-www-form-urlencoded body ("a=1&b=2", '+' is a space).
Result<Params> parse_form(std::string_view body);

}  // namespace wic::http
