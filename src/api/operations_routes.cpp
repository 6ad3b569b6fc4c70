// Operations routes: stats, liveness, readiness, metrics, the OpenAPI document.

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "api/answer_json.h"
#include "api/api.h"
#include "api/openapi_document.h"

namespace wic::api {
namespace {

boost::json::array retailers_json(ApiContext& context) {
  boost::json::array retailers;
  for (const auto& health : context.service.health()) {
    retailers.emplace_back(to_json(health));
  }
  return retailers;
}

http::Reply get_stats(ApiContext& context) {
  const auto stats = context.service.stats();
  const auto lookups = stats.cache_hits + stats.cache_misses;

  boost::json::object body;
  body["uptimeSeconds"] =
      std::chrono::duration_cast<std::chrono::seconds>(context.clock->monotonic_now() - context.started_at).count();
  body["cache"] = {{"hits", stats.cache_hits},
                   {"misses", stats.cache_misses},
                   {"hitRatio", lookups == 0 ? 0.0 : static_cast<double>(stats.cache_hits) / lookups},
                   {"entries", stats.cache_entries},
                   {"capacity", stats.cache_capacity},
                   {"evictions", stats.cache_evictions},
                   {"storageRereads", stats.storage_rereads}};
  body["refreshes"] = {{"started", stats.refreshes.started},
                       {"succeeded", stats.refreshes.succeeded},
                       {"failed", stats.refreshes.failed},
                       {"joined", stats.refreshes.joined},
                       {"skipped", stats.refreshes.skipped},
                       {"throttled", stats.refreshes.throttled},
                       {"freshWaits", stats.fresh_waits},
                       {"freshTimeouts", stats.fresh_timeouts}};
  body["reports"] = {{"accepted", stats.reports_accepted}, {"rateLimited", stats.reports_rate_limited}};
  body["catalog"] = {{"products", static_cast<std::int64_t>(stats.products)},
                     {"stores", static_cast<std::int64_t>(stats.stores)}};
  body["retailers"] = retailers_json(context);
  return http::Reply::json(200, boost::json::serialize(body));
}

http::Reply get_healthz(ApiContext& context) {
  boost::json::object body;
  body["status"] = "ok";
  body["refresher"] = context.service.has_refresher();
  body["retailers"] = retailers_json(context);
  return http::Reply::json(200, boost::json::serialize(body));
}

// Ready when a storage query succeeds and the catalog has products and
// stores to report on.
http::Reply get_readyz(ApiContext& context) {
  boost::json::object body;
  std::string reason;
  try {
    context.storage.schema_version();
  } catch (const storage::StorageError& error) {
    spdlog::warn("api: readiness check failed, storage: {}", error.what());
    reason = "the database does not answer";
  }
  const auto stats = context.service.stats();
  if (reason.empty() && stats.products == 0) {
    reason = "no products: import a product list with `wic-inventory catalog import`";
  } else if (reason.empty() && stats.stores == 0) {
    reason = "no stores: import stores with `wic-inventory stores import`";
  }

  body["status"] = reason.empty() ? "ready" : "not_ready";
  body["products"] = static_cast<std::int64_t>(stats.products);
  body["stores"] = static_cast<std::int64_t>(stats.stores);
  if (!reason.empty()) {
    body["reason"] = reason;
  }
  return http::Reply::json(reason.empty() ? 200 : 503, boost::json::serialize(body));
}

http::Reply get_metrics(ApiContext& context) {
  http::Reply reply;
  reply.body = context.metrics->render(context.service.stats(), context.service.health());
  reply.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  return reply;
}

}  // namespace

void add_operations_routes(Router& router, ApiContext& context) {
  router.add({"GET", "/api/v1/inventory/stats", [&context](const RouteRequest&) { return get_stats(context); }});
  router.add({"GET", "/healthz", [&context](const RouteRequest&) { return get_healthz(context); }});
  router.add({"GET", "/readyz", [&context](const RouteRequest&) { return get_readyz(context); }});
  router.add({"GET", "/metrics", [&context](const RouteRequest&) { return get_metrics(context); }});
  router.add({"GET", "/api/v1/openapi.json", [](const RouteRequest&) {
                return http::Reply::json(200, std::string(openapi_document()));
              }});
}

}  // namespace wic::api
