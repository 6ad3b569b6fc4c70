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

// The segments of a request path, as views into it: matching runs for
// every request, so it copies nothing until a route has matched.
std::vector<std::string_view> split_request_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;  // past the leading '/'
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string_view>& segments) {
  if (pattern.size() != segments.size()) {
    return false;
  }
  for (std::size_t s = 0; s < pattern.size(); ++s) {
    const bool same = is_parameter(pattern[s]) ? !segments[s].empty() : pattern[s] == segments[s];
    if (!same) {
      return false;
    }
  }
  return true;
}

std::map<std::string, std::string, std::less<>> params_of(const std::vector<std::string>& pattern,
                                                          const std::vector<std::string_view>& segments) {
  std::map<std::string, std::string, std::less<>> params;
  for (std::size_t s = 0; s < pattern.size(); ++s) {
    if (is_parameter(pattern[s])) {
      params.emplace(pattern[s].substr(1, pattern[s].size() - 2), segments[s]);
    }
  }
  return params;
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
  const auto segments = split_request_path(path);

  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(segments_[i], segments)) {
      continue;
    }
    if (routes_[i].method == method) {
      result.kind = RouteMatch::Kind::kFound;
      result.index = i;
      result.path_params = params_of(segments_[i], segments);
      return result;
    }
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    result.allowed.push_back(routes_[i].method);
  }
  return result;
}

}  // namespace wic::api
