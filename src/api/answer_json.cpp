#include "api/answer_json.h"

#include <ctime>

#include <fmt/format.h>

namespace wic::api {
namespace {

boost::json::value optional_time(const std::optional<SystemTime>& time) {
  return time ? boost::json::value(iso8601(*time)) : boost::json::value(nullptr);
}

std::string_view to_string(inventory::BreakerState state) {
  switch (state) {
    case inventory::BreakerState::kClosed:
      return "closed";
    case inventory::BreakerState::kOpen:
      return "open";
    case inventory::BreakerState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

}  // namespace

std::string iso8601(SystemTime time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string upc_of(const Gtin& gtin) { return gtin.display(); }

boost::json::object to_json(const inventory::ItemAnswer& answer) {
  boost::json::object json;
  json["storeId"] = answer.store_id.str();
  json["upc"] = upc_of(answer.gtin);
  json["gtin"] = answer.gtin.gtin14();
  json["status"] = wic::to_string(answer.status);
  json["quantity"] = answer.quantity ? boost::json::value(*answer.quantity) : boost::json::value(nullptr);
  json["quantityRange"] =
      answer.quantity_range ? boost::json::value(wic::to_string(*answer.quantity_range)) : boost::json::value(nullptr);
  json["aisle"] = answer.aisle ? boost::json::value(*answer.aisle) : boost::json::value(nullptr);
  json["lastUpdated"] = optional_time(answer.last_updated);
  json["ageSeconds"] = answer.age_seconds ? boost::json::value(*answer.age_seconds) : boost::json::value(nullptr);
  json["stale"] = answer.stale;
  json["source"] = answer.source ? boost::json::value(wic::to_string(*answer.source)) : boost::json::value(nullptr);
  json["confidence"] = answer.confidence;
  json["reportCount"] = answer.report_count;
  return json;
}

boost::json::object to_json(const storage::Store& store) {
  boost::json::object json;
  json["storeId"] = store.id.str();
  json["retailer"] = wic::to_string(store.id.retailer());
  json["name"] = store.name;
  json["address"] = store.address;
  json["city"] = store.city;
  json["state"] = store.state;
  json["zip"] = store.zip;
  json["lat"] = store.location.latitude;
  json["lon"] = store.location.longitude;
  return json;
}

boost::json::object to_json(const inventory::RetailerHealth& health) {
  boost::json::object json;
  json["retailer"] = wic::to_string(health.retailer);
  json["lastSuccess"] = optional_time(health.last_success);
  json["lastFailure"] = optional_time(health.last_failure);
  json["lastError"] = health.last_error.empty() ? boost::json::value(nullptr) : boost::json::value(health.last_error);
  json["recentErrorRate"] = health.recent_error_rate;
  json["breaker"] = to_string(health.breaker);
  json["breakerRetryAt"] = optional_time(health.breaker_retry_at);
  json["quotaRemaining"] = health.quota_remaining;
  json["callsOk"] = health.calls_ok;
  json["callsFailed"] = health.calls_failed;
  json["callsRateLimited"] = health.calls_rate_limited;
  json["simulated"] = health.simulated;
  return json;
}

boost::json::object to_json(const storage::SyncJob& job) {
  boost::json::object json;
  json["jobId"] = job.id;
  json["retailer"] = wic::to_string(job.retailer);
  boost::json::array stores;
  for (const auto& store : job.store_ids) {
    stores.emplace_back(store);
  }
  json["storeIds"] = std::move(stores);
  json["productScope"] = job.product_scope;
  json["status"] = storage::to_string(job.status);
  json["startedAt"] = optional_time(job.started_at);
  json["finishedAt"] = optional_time(job.finished_at);
  json["processed"] = job.processed;
  json["succeeded"] = job.succeeded;
  json["failed"] = job.failed;
  json["requests"] = job.requests;
  json["error"] = job.error.empty() ? boost::json::value(nullptr) : boost::json::value(job.error);
  return json;
}

}  // namespace wic::api
