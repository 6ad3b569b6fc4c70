#include "sandbox/control_handler.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sandbox/scaled_clock.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

http::Reply control_error(int status, std::string_view code, std::string_view message) {
  return json_reply(status, json::object{{"error", code}, {"message", message}});
}

http::Reply method_not_allowed(const http::Request& request, std::string_view allowed) {
  http::Reply reply = control_error(405, "method_not_allowed",
                                    fmt::format("{} is not allowed on {}; use {}", request.method, request.target,
                                                allowed));
  reply.with_header("Allow", std::string(allowed));
  return reply;
}

std::variant<json::value, http::Reply> parse_body(const http::Request& request) {
  boost::system::error_code error;
  json::value body = json::parse(request.body, error);
  if (error) {
    return control_error(400, "invalid_json", fmt::format("request body is not valid JSON: {}", error.message()));
  }
  return body;
}

json::object time_json(const SandboxContext& context) {
  const auto* scaled = dynamic_cast<const ScaledClock*>(context.clock.get());
  const bool adjustable = scaled != nullptr || dynamic_cast<const ManualClock*>(context.clock.get()) != nullptr;
  const SystemTime now = context.now();
  json::object time{{"now", format_utc(now)}, {"now_ms", epoch_milliseconds(now)}, {"adjustable", adjustable}};
  if (scaled != nullptr) {
    time["scale"] = scaled->scale();
  }
  return time;
}

// POST /_sandbox/time {"advance_seconds": n} or {"set": "2025-01-31T14:05:00Z"}.
http::Reply set_time(SandboxContext& context, const http::Request& request) {
  auto parsed = parse_body(request);
  if (auto* reply = std::get_if<http::Reply>(&parsed)) {
    return std::move(*reply);
  }
  const json::value& body = std::get<json::value>(parsed);
  auto* scaled = dynamic_cast<ScaledClock*>(context.clock.get());
  auto* manual = dynamic_cast<ManualClock*>(context.clock.get());
  if (scaled == nullptr && manual == nullptr) {
    return control_error(409, "clock_not_adjustable", "this sandbox runs on a clock that cannot be set");
  }

  const json::value* advance = body.is_object() ? body.as_object().if_contains("advance_seconds") : nullptr;
  const json::value* set = body.is_object() ? body.as_object().if_contains("set") : nullptr;
  if ((advance == nullptr) == (set == nullptr)) {
    return control_error(400, "invalid_time",
                         R"(expected {"advance_seconds": <seconds>} or {"set": "YYYY-MM-DDTHH:MM:SSZ"})");
  }

  if (advance != nullptr) {
    if (!advance->is_number() || advance->to_number<double>() < 0) {
      return control_error(400, "invalid_time", "advance_seconds must be a number of seconds, 0 or more");
    }
    const auto duration = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(advance->to_number<double>()));
    scaled != nullptr ? scaled->advance(duration) : manual->advance(duration);
  } else {
    const auto time = set->is_string() ? parse_utc(set->as_string()) : std::nullopt;
    if (!time) {
      return control_error(400, "invalid_time",
                           fmt::format("invalid set {}: expected a UTC time \"YYYY-MM-DDTHH:MM:SSZ\"",
                                       json::serialize(*set)));
    }
    if (manual != nullptr && *time < manual->system_now()) {
      return control_error(400, "invalid_time",
                           fmt::format("cannot set the time back to {}: this sandbox's manual clock only moves "
                                       "forward",
                                       format_utc(*time)));
    }
    scaled != nullptr ? scaled->set(*time) : manual->set(*time);
  }
  spdlog::info("sandbox: clock set to {}", format_utc(context.now()));
  return json_reply(200, time_json(context));
}

http::Reply faults_endpoint(SandboxContext& context, const http::Request& request) {
  if (request.method == "GET") {
    return json_reply(200, to_json(context.faults.settings()));
  }
  if (request.method == "DELETE") {
    context.faults.replace({});
    spdlog::info("sandbox: faults cleared");
    return json_reply(200, to_json(context.faults.settings()));
  }
  if (request.method != "POST" && request.method != "PUT") {
    return method_not_allowed(request, "GET, POST, PUT, DELETE");
  }

  auto parsed = parse_body(request);
  if (auto* reply = std::get_if<http::Reply>(&parsed)) {
    return std::move(*reply);
  }
  auto settings = parse_fault_settings(std::get<json::value>(parsed));
  if (!settings) {
    return control_error(400, settings.error().code, settings.error().message);
  }
  // PUT replaces every scope; POST sets the scopes it names.
  if (request.method == "PUT") {
    context.faults.replace(*settings);
  } else {
    context.faults.merge(*settings);
  }
  spdlog::info("sandbox: faults set: {}", json::serialize(to_json(context.faults.settings())));
  return json_reply(200, to_json(context.faults.settings()));
}

json::object info_json(const SandboxContext& context) {
  json::array walmart_clients;
  for (const auto& client : context.config.walmart_clients) {
    walmart_clients.push_back(json::string(client.client_id));
  }
  json::array kroger_clients;
  for (const auto& client : context.config.kroger_clients) {
    kroger_clients.push_back(json::string(client.client_id));
  }
  const auto& quotas = context.config.quotas;
  return json::object{
      {"seed", context.config.seed},
      {"products", context.catalog->products().size()},
      {"walmart_stores", context.catalog->walmart_stores().size()},
      {"kroger_stores", context.catalog->kroger_stores().size()},
      {"store_numbers",
       "Walmart store numbers are the sandbox's own (1001 up in the order of the store file), not Walmart's. "
       "Kroger location ids (division 900) are the sandbox's own, at real ZIP centroids."},
      {"walmart_client_ids", walmart_clients},
      {"kroger_client_ids", kroger_clients},
      {"quotas", {{"walmart_daily", quotas.walmart_daily},
                  {"kroger_products_daily", quotas.kroger_products_daily},
                  {"kroger_locations_daily", quotas.kroger_locations_daily},
                  {"burst_per_second", quotas.burst_per_second}}},
      {"time", time_json(context)},
  };
}

}  // namespace

json::object stats_json(const SandboxContext& context) {
  json::object stats = to_json(context.stats.snapshot());
  json::object quota;
  for (const auto& usage : context.quotas.usage(context.now())) {
    json::object entry{{"used", usage.used}, {"limit", usage.limit}, {"remaining", usage.limit - usage.used},
                       {"window_start", format_utc(usage.window_start)},
                       {"resets_at", format_utc(usage.replenish_at)}};
    json::value& bucket = quota[to_string(usage.bucket)];
    if (!bucket.is_object()) {
      bucket.emplace_object();
    }
    bucket.as_object()[usage.client_id] = std::move(entry);
  }
  stats["quota"] = std::move(quota);
  stats["now"] = format_utc(context.now());
  return stats;
}

http::Reply handle_control(SandboxContext& context, const http::Request& request, const http::Target& target) {
  const std::string& path = target.path;
  if (path == "/_sandbox/stats") {
    return request.method == "GET" ? json_reply(200, stats_json(context)) : method_not_allowed(request, "GET");
  }
  if (path == "/_sandbox/faults") {
    return faults_endpoint(context, request);
  }
  if (path == "/_sandbox/time") {
    if (request.method == "GET") {
      return json_reply(200, time_json(context));
    }
    return request.method == "POST" ? set_time(context, request) : method_not_allowed(request, "GET, POST");
  }
  if (path == "/_sandbox/reset") {
    if (request.method != "POST") {
      return method_not_allowed(request, "POST");
    }
    context.stats.reset();
    context.quotas.reset();
    spdlog::info("sandbox: counters and quotas reset");
    return json_reply(200, json::object{{"reset", true}});
  }
  if (path == "/_sandbox/info" || path == "/_sandbox" || path == "/_sandbox/") {
    return request.method == "GET" ? json_reply(200, info_json(context)) : method_not_allowed(request, "GET");
  }
  return control_error(404, "not_found",
                       fmt::format("no control endpoint {}; use /_sandbox/info, stats, faults, time or reset", path));
}

}  // namespace wic::sandbox
