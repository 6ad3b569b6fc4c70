#include "api/answer_json.h"

#include <fmt/format.h>

namespace wic::api {
namespace {

boost::json::value optional_time(const std::optional<SystemTime>& time) {
  return time ? boost::json::value(iso8601(*time)) : boost::json::value(nullptr);
}

}  // namespace

std::string iso8601(SystemTime time) {
  // Civil date from the day count (std::chrono, no time zone lookup),
  // because this runs for every item returned.
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{seconds - day};

  std::string text = "0000-00-00T00:00:00Z";
  const auto put = [&text](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      text[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, static_cast<int>(date.year()), 4);
  put(5, static_cast<int>(static_cast<unsigned>(date.month())), 2);
  put(8, static_cast<int>(static_cast<unsigned>(date.day())), 2);
  put(11, static_cast<int>(clock.hours().count()), 2);
  put(14, static_cast<int>(clock.minutes().count()), 2);
  put(17, static_cast<int>(clock.seconds().count()), 2);
  return text;
}

std::string upc_of(const Gtin& gtin) { return gtin.display(); }

boost::json::object to_json(const inventory::ItemAnswer& answer, boost::json::storage_ptr storage) {
  using boost::json::value;
  // Built in one step from the list: no rehash while fields are added.
  return boost::json::object(
      {
          {"storeId", answer.store_id.str()},
          {"upc", upc_of(answer.gtin)},
          {"gtin", answer.gtin.gtin14()},
          {"status", wic::to_string(answer.status)},
          {"quantity", answer.quantity ? value(*answer.quantity) : value(nullptr)},
          {"quantityRange", answer.quantity_range ? value(wic::to_string(*answer.quantity_range)) : value(nullptr)},
          {"aisle", answer.aisle ? value(*answer.aisle) : value(nullptr)},
          {"lastUpdated", answer.last_updated ? value(iso8601(*answer.last_updated)) : value(nullptr)},
          {"ageSeconds", answer.age_seconds ? value(*answer.age_seconds) : value(nullptr)},
          {"stale", answer.stale},
          {"source", answer.source ? value(wic::to_string(*answer.source)) : value(nullptr)},
          {"confidence", answer.confidence},
          {"reportCount", answer.report_count},
      },
      0, std::move(storage));
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
  json["breaker"] = inventory::to_string(health.breaker);
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
