// Internal routes: start a sync job and read its progress. Both need the
// bearer token configured on the server.

#include <charconv>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/answer_json.h"
#include "api/api.h"
#include "api/api_error.h"
#include "api/request_values.h"

namespace wic::api {
namespace {

constexpr std::size_t kMaxSyncStores = 500;
constexpr std::size_t kMaxSyncUpcs = 500;
constexpr std::size_t kMaxCodeLength = 32;

// Compares in time independent of where the strings differ, so response
// times do not reveal the token a byte at a time.
bool equal_in_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

void require_token(const ApiContext& context, const http::Request& request) {
  if (context.options.sync_token.empty()) {
    throw ApiError(401, "unauthorized", "sync routes are disabled: the server was started without WIC_SYNC_TOKEN");
  }
  const auto header = request.header("Authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (!header || header->size() <= kScheme.size() || header->substr(0, kScheme.size()) != kScheme) {
    throw ApiError(401, "unauthorized", "missing bearer token: send Authorization: Bearer <WIC_SYNC_TOKEN>");
  }
  if (!equal_in_constant_time(header->substr(kScheme.size()), context.options.sync_token)) {
    spdlog::warn("api: sync route called with an invalid token from {}", request.client_address);
    throw ApiError(401, "unauthorized", "invalid bearer token");
  }
}

SyncJobRequest parse_sync_request(const http::Request& request) {
  const auto object = parse_json_object(request.body.empty() ? std::string_view("{}") : request.body);
  reject_unknown_members(object, {"retailer", "storeIds", "upcs", "scope"});

  SyncJobRequest job;
  const std::string retailer_name = required_string_member(object, "retailer", kMaxCodeLength);
  const auto retailer = parse_retailer(retailer_name);
  if (!retailer) {
    throw_bad_request("invalid_body", fmt::format("invalid retailer \"{}\": expected walmart or kroger", retailer_name));
  }
  job.retailer = *retailer;

  if (object.contains("storeIds")) {
    for (const auto& id : string_array_member(object, "storeIds", kMaxSyncStores, kMaxCodeLength)) {
      job.stores.push_back(parse_store_id(id, "storeIds item"));
      if (job.stores.back().retailer() != job.retailer) {
        throw_bad_request("invalid_body", fmt::format("store {} is not a {} store", id, retailer_name));
      }
    }
  }
  const auto scope = string_member(object, "scope", kMaxCodeLength);
  if (object.contains("upcs")) {
    if (scope) {
      throw_bad_request("invalid_body", "give either upcs or scope, not both");
    }
    for (const auto& upc : string_array_member(object, "upcs", kMaxSyncUpcs, kMaxCodeLength)) {
      job.gtins.push_back(parse_upc(upc, "upcs item"));
    }
  } else if (scope && *scope != "formula" && *scope != "all") {
    throw_bad_request("invalid_body", fmt::format("invalid scope \"{}\": expected formula or all", *scope));
  }
  job.formula_only = job.gtins.empty() && scope.value_or("formula") == "formula";
  return job;
}

http::Reply post_sync(ApiContext& context, const RouteRequest& request) {
  require_token(context, request.request);
  const SyncJobRequest job = parse_sync_request(request.request);
  if (context.sync_jobs == nullptr) {
    return error_reply(503, "sync_unavailable", "this server runs without a sync engine; run `wic-inventory sync`");
  }

  const auto id = context.sync_jobs->start(job);
  if (!id) {
    spdlog::warn("api: sync job not started for retailer={}: {}", to_string(job.retailer), id.error().message);
    return error_reply(503, "sync_unavailable", id.error().message);
  }
  spdlog::info("api: sync job {} started for retailer={} stores={} gtins={} formula_only={}", *id,
               to_string(job.retailer), job.stores.size(), job.gtins.size(), job.formula_only);

  boost::json::object body;
  body["jobId"] = *id;
  body["status"] = "pending";
  body["href"] = fmt::format("/api/v1/inventory/sync/jobs/{}", *id);
  return http::Reply::json(202, boost::json::serialize(body))
      .with_header("Location", fmt::format("/api/v1/inventory/sync/jobs/{}", *id));
}

http::Reply get_job(ApiContext& context, const RouteRequest& request) {
  require_token(context, request.request);
  const std::string& text = request.param("id");
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id <= 0) {
    throw_bad_request("invalid_job_id", fmt::format("invalid job id \"{}\": expected a positive integer", text));
  }

  const auto job = context.storage.find_job(id);
  if (!job) {
    throw ApiError(404, "job_not_found", fmt::format("sync job {} not found", id));
  }
  return http::Reply::json(200, boost::json::serialize(to_json(*job)));
}

}  // namespace

void add_sync_routes(Router& router, ApiContext& context) {
  router.add({"POST", "/api/v1/inventory/sync",
              [&context](const RouteRequest& request) { return post_sync(context, request); }});
  router.add({"GET", "/api/v1/inventory/sync/jobs/{id}",
              [&context](const RouteRequest& request) { return get_job(context, request); }});
}

}  // namespace wic::api
