#include "sandbox/faults.h"

#include <array>
#include <boost/json.hpp>
#include <fmt/format.h>

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 9> kScopes = {
    "all",           "walmart",        "kroger",          "walmart.token",    "walmart.items",
    "walmart.stores", "kroger.token", "kroger.products", "kroger.locations"};

struct RateField {
  std::string_view name;
  double FaultRates::*member;
};

constexpr std::array<RateField, 10> kRateFields = {{
    {"error_500", &FaultRates::error_500},
    {"error_503", &FaultRates::error_503},
    {"timeout", &FaultRates::timeout},
    {"reset", &FaultRates::reset},
    {"rate_limit_storm", &FaultRates::rate_limit_storm},
    {"latency", &FaultRates::latency},
    {"malformed_json", &FaultRates::malformed_json},
    {"truncated_json", &FaultRates::truncated_json},
    {"revoke_token", &FaultRates::revoke_token},
    {"drop_product", &FaultRates::drop_product},
}};

constexpr std::string_view kDurationFields = "latency_ms, timeout_ms, storm_retry_after_s";

std::optional<double> as_number(const json::value& value) {
  if (value.is_double()) {
    return value.as_double();
  }
  if (value.is_int64()) {
    return static_cast<double>(value.as_int64());
  }
  if (value.is_uint64()) {
    return static_cast<double>(value.as_uint64());
  }
  return std::nullopt;
}

double replacing_share(const FaultRates& rates) {
  return rates.error_500 + rates.error_503 + rates.timeout + rates.reset + rates.rate_limit_storm;
}

std::optional<Error> set_field(FaultRates& rates, std::string_view scope, std::string_view name,
                               const json::value& value) {
  const auto number = as_number(value);
  if (!number) {
    return Error{"invalid_fault", fmt::format("invalid fault {}.{} = {}: expected a number", scope, name,
                                              json::serialize(value))};
  }
  for (const auto& field : kRateFields) {
    if (field.name == name) {
      if (*number < 0 || *number > 1) {
        return Error{"invalid_fault", fmt::format("invalid fault {}.{} = {}: a rate is a share of calls from 0 to 1",
                                                  scope, name, *number)};
      }
      rates.*field.member = *number;
      return std::nullopt;
    }
  }
  if (*number < 0 || *number > 3'600'000) {
    return Error{"invalid_fault", fmt::format("invalid fault {}.{} = {}: expected 0 to 3600000", scope, name,
                                              *number)};
  }
  const auto whole = static_cast<std::int64_t>(*number);
  if (name == "latency_ms") {
    rates.latency_ms = std::chrono::milliseconds(whole);
  } else if (name == "timeout_ms") {
    rates.timeout_ms = std::chrono::milliseconds(whole);
  } else if (name == "storm_retry_after_s") {
    rates.storm_retry_after = std::chrono::seconds(whole);
  } else {
    std::string known;
    for (const auto& field : kRateFields) {
      known += std::string(field.name) + ", ";
    }
    return Error{"invalid_fault", fmt::format("unknown fault field \"{}\" in scope \"{}\"; known fields: {}{}", name,
                                              scope, known, kDurationFields)};
  }
  return std::nullopt;
}

Result<FaultRates> parse_rates(std::string_view scope, const json::value& value) {
  if (!value.is_object()) {
    return Error{"invalid_fault", fmt::format("invalid faults for scope \"{}\": expected a JSON object", scope)};
  }
  FaultRates rates;
  for (const auto& [name, field] : value.as_object()) {
    if (auto error = set_field(rates, scope, name, field)) {
      return *error;
    }
  }
  if (replacing_share(rates) > 1.0 + 1e-9) {
    return Error{"invalid_fault",
                 fmt::format("invalid faults for scope \"{}\": error_500, error_503, timeout, reset and "
                             "rate_limit_storm add up to {}, more than 1",
                             scope, replacing_share(rates))};
  }
  if (rates.malformed_json + rates.truncated_json > 1.0 + 1e-9) {
    return Error{"invalid_fault", fmt::format("invalid faults for scope \"{}\": malformed_json and truncated_json "
                                              "add up to more than 1",
                                              scope)};
  }
  return rates;
}

}  // namespace

bool FaultRates::any() const {
  return replacing_share(*this) > 0 || latency > 0 || malformed_json > 0 || truncated_json > 0 || revoke_token > 0 ||
         drop_product > 0;
}

bool is_fault_scope(std::string_view scope) {
  return std::find(kScopes.begin(), kScopes.end(), scope) != kScopes.end();
}

FaultInjector::FaultInjector(std::uint64_t seed, FaultSettings settings)
    : random_(seed ^ 0x6661756c74ULL), settings_(std::move(settings)) {}

const FaultRates* FaultInjector::rates_for(std::string_view endpoint) const {
  const std::string_view retailer = endpoint.substr(0, endpoint.find('.'));
  for (const std::string_view scope : {endpoint, retailer, std::string_view("all")}) {
    if (const auto found = settings_.find(std::string(scope)); found != settings_.end()) {
      return &found->second;
    }
  }
  return nullptr;
}

FaultDraw FaultInjector::draw(std::string_view endpoint) {
  std::lock_guard lock(mutex_);
  FaultDraw draw;
  const FaultRates* rates = rates_for(endpoint);
  if (rates == nullptr || !rates->any()) {
    return draw;
  }

  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // One draw picks at most one fault that replaces the response.
  double pick = uniform(random_);
  const std::pair<double, FaultDraw::Replace> replacing[] = {
      {rates->error_500, FaultDraw::Replace::kError500},
      {rates->error_503, FaultDraw::Replace::kError503},
      {rates->timeout, FaultDraw::Replace::kTimeout},
      {rates->reset, FaultDraw::Replace::kReset},
      {rates->rate_limit_storm, FaultDraw::Replace::kRateLimitStorm},
  };
  for (const auto& [share, kind] : replacing) {
    if (pick < share) {
      draw.replace = kind;
      break;
    }
    pick -= share;
  }

  const double body_pick = uniform(random_);
  if (body_pick < rates->malformed_json) {
    draw.body = FaultDraw::Body::kMalformed;
  } else if (body_pick < rates->malformed_json + rates->truncated_json) {
    draw.body = FaultDraw::Body::kTruncated;
  }
  if (uniform(random_) < rates->latency) {
    draw.latency = rates->latency_ms;
  }
  draw.revoke_token = uniform(random_) < rates->revoke_token;
  draw.drop_product = uniform(random_) < rates->drop_product;
  draw.timeout = rates->timeout_ms;
  draw.storm_retry_after = rates->storm_retry_after;
  return draw;
}

FaultSettings FaultInjector::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void FaultInjector::replace(FaultSettings settings) {
  std::lock_guard lock(mutex_);
  settings_ = std::move(settings);
}

void FaultInjector::merge(const FaultSettings& settings) {
  std::lock_guard lock(mutex_);
  for (const auto& [scope, rates] : settings) {
    settings_[scope] = rates;
  }
}

json::value to_json(const FaultSettings& settings) {
  json::object object;
  for (const auto& [scope, rates] : settings) {
    json::object fields;
    for (const auto& field : kRateFields) {
      fields[field.name] = rates.*field.member;
    }
    fields["latency_ms"] = rates.latency_ms.count();
    fields["timeout_ms"] = rates.timeout_ms.count();
    fields["storm_retry_after_s"] = rates.storm_retry_after.count();
    object[scope] = std::move(fields);
  }
  return object;
}

Result<FaultSettings> parse_fault_settings(const json::value& value) {
  if (!value.is_object()) {
    return Error{"invalid_fault", "invalid faults: expected a JSON object of scopes, e.g. {\"all\": {\"error_500\": 0.1}}"};
  }
  FaultSettings settings;
  for (const auto& [scope, rates] : value.as_object()) {
    if (!is_fault_scope(scope)) {
      return Error{"invalid_fault",
                   fmt::format("unknown fault scope \"{}\"; use all, walmart, kroger, walmart.token, walmart.items, "
                               "walmart.stores, kroger.token, kroger.products or kroger.locations",
                               std::string_view(scope))};
    }
    auto parsed = parse_rates(scope, rates);
    if (!parsed) {
      return parsed.error();
    }
    settings[std::string(scope)] = *parsed;
  }
  return settings;
}

}  // namespace wic::sandbox
