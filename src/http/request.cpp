#include "http/request.h"

#include <boost/beast/core/string.hpp>

namespace wic::http {

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [field, value] : headers) {
    if (boost::beast::iequals(field, name)) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

}  // namespace wic::http
