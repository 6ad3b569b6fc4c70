#include "retailers/walmart_response.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "retailers/json_fields.h"

namespace wic::retailers {
namespace {

namespace json = boost::json;

RetailerError malformed(std::string reason) {
  RetailerError error;
  error.kind = ErrorKind::kMalformedResponse;
  error.message = "walmart response unreadable: " + std::move(reason);
  return error;
}

std::optional<GeoPoint> read_coordinates(const json::object& store) {
  const json::value* value = store.if_contains("coordinates");
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->is_array() && value->as_array().size() == 2 && value->as_array()[0].is_number() &&
      value->as_array()[1].is_number()) {
    return GeoPoint{value->as_array()[1].to_number<double>(), value->as_array()[0].to_number<double>()};
  }
  if (value->is_object()) {
    const auto latitude = json_number(value->as_object(), "latitude");
    const auto longitude = json_number(value->as_object(), "longitude");
    if (latitude && longitude) {
      return GeoPoint{*latitude, *longitude};
    }
  }
  return std::nullopt;
}

std::optional<storage::Store> read_store(const json::value& value) {
  if (!value.is_object()) {
    return std::nullopt;
  }
  const json::object& object = value.as_object();
  const std::optional<std::string> number = json_id(object, "no");
  if (!number) {
    return std::nullopt;
  }
  Result<StoreId> id = StoreId::make(Retailer::kWalmart, *number);
  if (!id) {
    spdlog::warn("walmart store locator: skipping store: {}", id.error().message);
    return std::nullopt;
  }

  storage::Store store{*id, json_string(object, "name").value_or("Walmart"), json_string(object, "streetAddress").value_or(""),
                       json_string(object, "city").value_or(""), json_string(object, "stateProvCode").value_or(""),
                       json_id(object, "zip").value_or(""), GeoPoint{}};
  if (auto point = read_coordinates(object)) {
    store.location = *point;
  }
  return store;
}

}  // namespace

RetailerResult<std::vector<WalmartItem>> parse_walmart_items(const std::string& body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error || !root.is_object()) {
    return malformed("the items response is not a JSON object");
  }
  const json::array* items = json_array(root.as_object(), "items");
  if (items == nullptr) {
    return malformed("the items response has no items array");
  }

  std::vector<WalmartItem> parsed;
  for (const json::value& value : *items) {
    if (!value.is_object()) {
      continue;
    }
    const json::object& object = value.as_object();
    std::optional<std::string> item_id = json_id(object, "itemId");
    if (!item_id) {
      continue;
    }
    parsed.push_back(WalmartItem{*item_id, json_id(object, "upc"), json_string(object, "stock"),
                                 json_string(object, "name").value_or("")});
  }
  return parsed;
}

RetailerResult<std::vector<storage::Store>> parse_walmart_stores(const std::string& body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error) {
    return malformed("the store locator response is not JSON");
  }
  const json::array* stores = nullptr;
  if (root.is_array()) {
    stores = &root.as_array();
  } else if (root.is_object()) {
    stores = json_array(root.as_object(), "stores");
  }
  if (stores == nullptr) {
    return malformed("the store locator response has no list of stores");
  }

  std::vector<storage::Store> parsed;
  for (const json::value& value : *stores) {
    if (auto store = read_store(value)) {
      parsed.push_back(std::move(*store));
    }
  }
  return parsed;
}

}  // namespace wic::retailers
