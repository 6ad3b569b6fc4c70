#include "api/api.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/api_error.h"

namespace wic::api {
namespace {

// Longest request target written to the access log, so one huge URL does
// not become a huge log line.
constexpr std::size_t kMaxLoggedTarget = 512;

std::vector<std::string> route_names(const Router& router) {
  std::vector<std::string> names;
  for (const auto& route : router.routes()) {
    names.push_back(route.method + " " + route.path);
  }
  return names;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const auto& item : items) {
    joined += joined.empty() ? "" : separator;
    joined += item;
  }
  return joined;
}

// Calls a route handler and turns what it throws into a JSON error reply.
template <typename Call>
http::Reply guarded(std::string_view method, std::string_view path, Call&& call) {
  try {
    return call();
  } catch (const ApiError& error) {
    return error_reply(error.status(), error.code(), error.what());
  } catch (const storage::StorageError& error) {
    spdlog::error("api: storage failed on {} {}: {}", method, path, error.what());
    return error_reply(503, "storage_unavailable", "the database failed; retry in a few seconds")
        .with_header("Retry-After", "5");
  } catch (const std::exception& error) {
    spdlog::error("api: handler failed on {} {}: {}", method, path, error.what());
    return error_reply(500, "internal_error", "the server failed to handle the request; see its log");
  }
}

}  // namespace

Api::Api(inventory::InventoryService& service, storage::Storage& storage, std::shared_ptr<Clock> clock,
         ApiOptions options, SyncJobs* sync_jobs) {
  const MonotonicTime started_at = clock->monotonic_now();
  context_ = std::unique_ptr<ApiContext>(
      new ApiContext{service, storage, std::move(clock), std::move(options), sync_jobs, nullptr, &router_, started_at});
  add_inventory_routes(router_, *context_);
  add_report_routes(router_, *context_);
  add_sync_routes(router_, *context_);
  add_operations_routes(router_, *context_);

  metrics_ = std::make_unique<Metrics>(route_names(router_));
  context_->metrics = metrics_.get();
}

http::Handler Api::handler() {
  return [this](const http::Request& request) { return handle(request); };
}

http::Reply Api::handle(const http::Request& request) {
  const auto started = std::chrono::steady_clock::now();
  std::size_t route_index = metrics_->unmatched_route();

  http::Reply reply = dispatch(request, route_index);
  if (reply.offloaded) {
    return finish_offloaded(request, std::move(reply), route_index, started);
  }

  const auto latency = std::chrono::steady_clock::now() - started;
  metrics_->record(route_index, reply.status, latency);
  log_access(request, reply, latency);
  return reply;
}

http::Reply Api::dispatch(const http::Request& request, std::size_t& route_index) {
  if (request.body.size() > context_->options.max_body_bytes) {
    return error_reply(413, "body_too_large",
                       fmt::format("the request body has {} bytes, over the limit of {} bytes; send fewer items",
                                   request.body.size(), context_->options.max_body_bytes));
  }
  auto target = http::parse_target(request.target);
  if (!target) {
    return error_reply(400, "invalid_target", target.error().message);
  }

  RouteMatch match = router_.match(request.method, target->path);
  if (match.kind == RouteMatch::Kind::kNotFound) {
    return error_reply(404, "not_found",
                       fmt::format("no route for {} {}; the routes are listed at /api/v1/openapi.json",
                                   request.method, target->path));
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    const std::string allowed = join(match.allowed, ", ");
    auto reply = error_reply(405, "method_not_allowed",
                             fmt::format("{} is not allowed on {}; use {}", request.method, target->path, allowed));
    return reply.with_header("Allow", allowed);
  }

  route_index = match.index;
  const RouteRequest route_request{request, *target, std::move(match.path_params)};
  return guarded(request.method, target->path,
                 [&] { return router_.routes()[match.index].handler(route_request); });
}

http::Reply Api::finish_offloaded(const http::Request& request, http::Reply reply, std::size_t route_index,
                                  std::chrono::steady_clock::time_point started) {
  // The request itself is gone when the work runs: keep what the access log
  // and the error log name.
  http::Request logged;
  logged.method = request.method;
  logged.target = request.target;
  logged.client_address = request.client_address;
  reply.offloaded = [this, work = std::move(reply.offloaded), logged = std::move(logged), route_index, started] {
    http::Reply produced = guarded(logged.method, logged.target, work);

    const auto latency = std::chrono::steady_clock::now() - started;
    metrics_->record(route_index, produced.status, latency);
    log_access(logged, produced, latency);
    return produced;
  };
  return reply;
}

void Api::log_access(const http::Request& request, const http::Reply& reply, std::chrono::nanoseconds latency) const {
  const auto& log = context_->options.access_log;
  if (!log) {
    return;
  }
  const std::string_view target = std::string_view(request.target).substr(0, kMaxLoggedTarget);
  log->info("{} \"{} {}\" {} {} {}us", request.client_address, request.method, target, reply.status,
            reply.body.size(), std::chrono::duration_cast<std::chrono::microseconds>(latency).count());
}

}  // namespace wic::api
