#pragma once

#include <atomic>
#include <memory>

#include "api/api_options.h"
#include "api/metrics.h"
#include "api/router.h"
#include "api/sync_jobs.h"
#include "core/clock.h"
#include "http/server.h"
#include "inventory/inventory_service.h"
#include "storage/storage.h"

namespace wic::api {

// What the route handlers share.
struct ApiContext {
  inventory::InventoryService& service;
  storage::Storage& storage;
  std::shared_ptr<Clock> clock;
  ApiOptions options;
  SyncJobs* sync_jobs;  // null: POST /api/v1/inventory/sync answers 503
  Metrics* metrics;
  const Router* router;
  MonotonicTime started_at;
  std::atomic<int> fresh_waits{0};
};

// The REST API: routes requests to handlers, turns rejections into JSON
// errors, counts every request and writes the access log. Thread-safe.
class Api {
 public:
  Api(inventory::InventoryService& service, storage::Storage& storage, std::shared_ptr<Clock> clock,
      ApiOptions options, SyncJobs* sync_jobs = nullptr);

  http::Reply handle(const http::Request& request);
  // A handler for http::Server that calls handle(); this Api must outlive it.
  http::Handler handler();

  const Router& router() const { return router_; }

 private:
  http::Reply dispatch(const http::Request& request, std::size_t& route_index);
  // Wraps an offloaded reply so that its metrics and access log line are
  // written when it has been produced.
  http::Reply finish_offloaded(const http::Request& request, http::Reply reply, std::size_t route_index,
                               std::chrono::steady_clock::time_point started);
  void log_access(const http::Request& request, const http::Reply& reply, std::chrono::nanoseconds latency) const;

  Router router_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<ApiContext> context_;
};

// Adds every route of the API to `router`, bound to `context`.
void add_inventory_routes(Router& router, ApiContext& context);
void add_report_routes(Router& router, ApiContext& context);
void add_sync_routes(Router& router, ApiContext& context);
void add_operations_routes(Router& router, ApiContext& context);

}  // namespace wic::api
