#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/reply.h"
#include "http/request.h"
#include "http/target.h"

namespace wic::api {

// A request as a route handler sees it.
struct RouteRequest {
  const http::Request& request;
  const http::Target& target;
  std::map<std::string, std::string, std::less<>> path_params;  // decoded, by template name

  const std::string& param(std::string_view name) const { return path_params.find(name)->second; }
};

using RouteHandler = std::function<http::Reply(const RouteRequest&)>;

// One operation: a method and a path template in OpenAPI form, where a
// segment "{name}" matches any one non-empty segment.
struct Route {
  std::string method;
  std::string path;
  RouteHandler handler;
};

// Result of matching a request to the routes.
struct RouteMatch {
  enum class Kind { kFound, kMethodNotAllowed, kNotFound };
  Kind kind = Kind::kNotFound;
  std::size_t index = 0;                   // when found: the route's position
  std::vector<std::string> allowed;        // when the path matched under other methods
  std::map<std::string, std::string, std::less<>> path_params;
};

// Maps method and path to a route. Built once, then read by every thread.
class Router {
 public:
  void add(Route route);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // of each route's path
};

}  // namespace wic::api
