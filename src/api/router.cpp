#include "api/router.h"

#include <algorithm>

namespace wic::api {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // past the leading '/'
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Route route) {
  segments_.push_back(split_path(route.path));
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') {
    return result;
  }
  const auto segments = split_path(path);

  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = segments_[i];
    if (pattern.size() != segments.size()) {
      continue;
    }
    std::map<std::string, std::string, std::less<>> params;
    bool matches = true;
    for (std::size_t s = 0; s < pattern.size() && matches; ++s) {
      if (is_parameter(pattern[s])) {
        matches = !segments[s].empty();
        params.emplace(pattern[s].substr(1, pattern[s].size() - 2), segments[s]);
      } else {
        matches = pattern[s] == segments[s];
      }
    }
    if (!matches) {
      continue;
    }
    if (routes_[i].method == method) {
      result.kind = RouteMatch::Kind::kFound;
      result.index = i;
      result.path_params = std::move(params);
      return result;
    }
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.allowed.push_back(routes_[i].method);
  }
  return result;
}

}  // namespace wic::api
