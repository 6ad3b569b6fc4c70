#include "http/target.h"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <fmt/format.h>

namespace wic::http {
namespace {

// Boost.URL keeps '+' literal in a query; forms and most clients mean a space.
boost::urls::encoding_opts plus_as_space() {
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  return options;
}

template <typename EncodedParams>
Params decode_params(const EncodedParams& encoded) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& param : encoded) {
    std::string value;
    if (param.has_value) {
      value = param.value.decode(plus_as_space());
    }
    pairs.emplace_back(param.key.decode(plus_as_space()), std::move(value));
  }
  return Params(std::move(pairs));
}

}  // namespace

std::optional<std::string> Params::get(std::string_view name) const {
  for (const auto& [key, value] : pairs_) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

Result<Target> parse_target(std::string_view target) {
  const auto url = boost::urls::parse_origin_form(target);
  if (!url) {
    return Error{"invalid_target",
                 fmt::format("invalid request target \"{}\": {}; expected a path with an optional query string",
                             target, url.error().message())};
  }

  Target parsed;
  parsed.path = url->path();
  parsed.query = decode_params(url->encoded_params());
  return parsed;
}

Result<Params> parse_form(std::string_view body) {
  const auto query = boost::urls::parse_query(body);
  if (!query) {
    return Error{"invalid_form", fmt::format("invalid form body: {}; expected name=value pairs joined by '&'",
                                             query.error().message())};
  }
  return decode_params(*query);
}

}  // namespace wic::http
