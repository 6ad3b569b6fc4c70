#include "sandbox/router.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sandbox/control_handler.h"
#include "sandbox/kroger_handler.h"
#include "sandbox/walmart_handler.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

using EndpointHandler = http::Reply (*)(SandboxContext&, Call&);

struct Route {
  std::string_view method;
  std::string_view path;  // exact, or a prefix when it ends in '/'
  std::string_view endpoint;
  EndpointHandler handler;
};

constexpr Route kRoutes[] = {
    {"POST", "/v3/token", "walmart.token", handle_walmart_token},
    {"GET", "/api-proxy/service/affil/product/v2/items", "walmart.items", handle_walmart_items},
    {"GET", "/api-proxy/service/affil/product/v2/items/", "walmart.items", handle_walmart_items},
    {"GET", "/api-proxy/service/affil/product/v2/stores", "walmart.stores", handle_walmart_stores},
    {"POST", "/v1/connect/oauth2/token", "kroger.token", handle_kroger_token},
    {"GET", "/v1/products", "kroger.products", handle_kroger_products},
    {"GET", "/v1/products/", "kroger.products", handle_kroger_products},
    {"GET", "/v1/locations", "kroger.locations", handle_kroger_locations},
    {"GET", "/v1/locations/", "kroger.locations", handle_kroger_locations},
};

bool matches(const Route& route, std::string_view path) {
  if (route.path.back() == '/') {
    return path.size() > route.path.size() && path.substr(0, route.path.size()) == route.path &&
           path.find('/', route.path.size()) == std::string_view::npos;
  }
  return path == route.path;
}

bool is_walmart(std::string_view endpoint) { return endpoint.starts_with("walmart."); }

http::Reply retailer_error(std::string_view endpoint, int status, std::string_view message, SystemTime now) {
  if (is_walmart(endpoint)) {
    return walmart_error(status, status == 503 ? "SERVICE_UNAVAILABLE" : "SYSTEM_ERROR", message);
  }
  return kroger_error(status, fmt::format("API-{}0-{}", status, status), message, now);
}

std::string_view fault_name(FaultDraw::Replace replace) {
  switch (replace) {
    case FaultDraw::Replace::kError500:
      return "error_500";
    case FaultDraw::Replace::kError503:
      return "error_503";
    case FaultDraw::Replace::kTimeout:
      return "timeout";
    case FaultDraw::Replace::kReset:
      return "reset";
    case FaultDraw::Replace::kRateLimitStorm:
      return "rate_limit_storm";
    case FaultDraw::Replace::kNone:
      break;
  }
  return "none";
}

// Builds the reply of a fault that replaces the response.
http::Reply replacing_fault(SandboxContext& context, const Call& call) {
  switch (call.fault.replace) {
    case FaultDraw::Replace::kError500:
      return retailer_error(call.endpoint, 500, "internal server error (injected by the sandbox)", context.now());
    case FaultDraw::Replace::kError503:
      return retailer_error(call.endpoint, 503, "service unavailable (injected by the sandbox)", context.now());
    case FaultDraw::Replace::kTimeout:
      return http::Reply::reset(call.fault.timeout);
    case FaultDraw::Replace::kReset:
      return http::Reply::reset();
    case FaultDraw::Replace::kRateLimitStorm: {
      context.stats.record_rate_limited("storm");
      http::Reply reply = is_walmart(call.endpoint)
                              ? walmart_error(429, "REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API",
                                              "too many requests (injected by the sandbox)")
                              : kroger_error(429, "API-4290-429", "too many requests (injected by the sandbox)",
                                             context.now());
      reply.with_header("Retry-After", std::to_string(std::max<std::int64_t>(call.fault.storm_retry_after.count(), 1)));
      if (is_walmart(call.endpoint)) {
        reply.with_header("X-Current-Token-Count", "0");
        const auto replenish = context.now() + call.fault.storm_retry_after;
        reply.with_header("X-Next-Replenishment-Time", std::to_string(epoch_milliseconds(replenish)));
      }
      return reply;
    }
    case FaultDraw::Replace::kNone:
      break;
  }
  return retailer_error(call.endpoint, 500, "unexpected fault", context.now());
}

// Breaks a successful JSON body the way a failing proxy does.
void apply_body_fault(SandboxContext& context, const Call& call, http::Reply& reply) {
  if (call.fault.body == FaultDraw::Body::kNone || reply.status != 200 || reply.body.empty()) {
    return;
  }
  if (call.fault.body == FaultDraw::Body::kTruncated) {
    reply.body.resize(reply.body.size() / 2);
    context.stats.record_fault("truncated_json");
    return;
  }
  // Dropping the first name-value colon leaves text no JSON parser accepts.
  const auto colon = reply.body.find(':');
  if (colon == std::string::npos) {
    reply.body = "<" + reply.body;
  } else {
    reply.body.erase(colon, 1);
  }
  context.stats.record_fault("malformed_json");
}

http::Reply handle_retailer_call(SandboxContext& context, const Route& route, Call& call) {
  call.fault = context.faults.draw(call.endpoint);
  call.client_id = is_walmart(call.endpoint) ? claimed_walmart_client(context, call)
                                             : claimed_kroger_client(context, call);

  http::Reply reply;
  if (call.fault.replace != FaultDraw::Replace::kNone) {
    const std::string_view fault = fault_name(call.fault.replace);
    context.stats.record_fault(fault);
    spdlog::info("sandbox: fault {} on {} for client {}", fault, call.endpoint, call.client_id);
    reply = replacing_fault(context, call);
  } else {
    reply = route.handler(context, call);
    apply_body_fault(context, call, reply);
  }

  if (call.fault.latency > std::chrono::milliseconds::zero()) {
    reply.delay += call.fault.latency;
    context.stats.record_fault("latency");
  }
  const int status = reply.disposition == http::Reply::Disposition::kReset ? 0 : reply.status;
  context.stats.record_call(call.endpoint, call.client_id, status);
  return reply;
}

http::Reply not_found(const http::Request& request, const std::string& path) {
  for (const Route& route : kRoutes) {
    if (matches(route, path)) {
      http::Reply reply = json_reply(
          405, boost::json::object{{"error", "method_not_allowed"},
                                   {"message", fmt::format("{} is not allowed on {}; use {}", request.method, path,
                                                           route.method)}});
      reply.with_header("Allow", std::string(route.method));
      return reply;
    }
  }
  return json_reply(404, boost::json::object{
                             {"error", "not_found"},
                             {"message", fmt::format("no sandbox endpoint at {} {}; see GET /_sandbox/info and "
                                                     "docs/sandbox.md for the endpoints",
                                                     request.method, path)}});
}

}  // namespace

http::Handler make_sandbox_handler(std::shared_ptr<SandboxContext> context) {
  return [context = std::move(context)](const http::Request& request) -> http::Reply {
    const auto target = http::parse_target(request.target);
    if (!target) {
      return json_reply(400, boost::json::object{{"error", target.error().code}, {"message", target.error().message}});
    }
    if (target->path.starts_with("/_sandbox")) {
      return handle_control(*context, request, *target);
    }

    for (const Route& route : kRoutes) {
      if (route.method == request.method && matches(route, target->path)) {
        Call call{request, *target, std::string(route.endpoint), {}, {}};
        return handle_retailer_call(*context, route, call);
      }
    }
    return not_found(request, target->path);
  };
}

}  // namespace wic::sandbox
