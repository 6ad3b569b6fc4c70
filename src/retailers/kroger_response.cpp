#include "retailers/kroger_response.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "retailers/json_fields.h"

namespace wic::retailers {
namespace {

namespace json = boost::json;

RetailerError malformed(std::string reason) {
  RetailerError error;
  error.kind = ErrorKind::kMalformedResponse;
  error.message = "kroger response unreadable: " + std::move(reason);
  return error;
}

RetailerResult<const json::array*> data_array(const json::value& root, std::string_view what) {
  if (!root.is_object()) {
    return malformed(std::string(what) + " response is not a JSON object");
  }
  const json::array* data = json_array(root.as_object(), "data");
  if (data == nullptr) {
    return malformed(std::string(what) + " response has no data array");
  }
  return data;
}

std::optional<std::string> first_stock_level(const json::object& product) {
  const json::array* items = json_array(product, "items");
  if (items == nullptr) {
    return std::nullopt;
  }
  for (const json::value& item : *items) {
    if (!item.is_object()) {
      continue;
    }
    const json::object* inventory = json_object(item.as_object(), "inventory");
    if (inventory == nullptr) {
      continue;
    }
    if (auto level = json_string(*inventory, "stockLevel")) {
      return level;
    }
  }
  return std::nullopt;
}

std::optional<std::string> first_aisle(const json::object& product) {
  const json::array* aisles = json_array(product, "aisleLocations");
  if (aisles == nullptr || aisles->empty() || !aisles->front().is_object()) {
    return std::nullopt;
  }
  const json::object& aisle = aisles->front().as_object();
  if (auto description = json_string(aisle, "description"); description && !description->empty()) {
    return description;
  }
  return json_id(aisle, "number");
}

std::optional<storage::Store> read_location(const json::value& value) {
  if (!value.is_object()) {
    return std::nullopt;
  }
  const json::object& object = value.as_object();
  const std::optional<std::string> location_id = json_id(object, "locationId");
  if (!location_id) {
    return std::nullopt;
  }
  Result<StoreId> id = StoreId::make(Retailer::kKroger, *location_id);
  if (!id) {
    spdlog::warn("kroger locations: skipping location: {}", id.error().message);
    return std::nullopt;
  }

  storage::Store store{*id, json_string(object, "name").value_or("Kroger"), "", "", "", "", GeoPoint{}};
  if (const json::object* address = json_object(object, "address")) {
    store.address = json_string(*address, "addressLine1").value_or("");
    store.city = json_string(*address, "city").value_or("");
    store.state = json_string(*address, "state").value_or("");
    store.zip = json_id(*address, "zipCode").value_or("");
  }
  if (const json::object* point = json_object(object, "geolocation")) {
    store.location.latitude = json_number(*point, "latitude").value_or(0);
    store.location.longitude = json_number(*point, "longitude").value_or(0);
  }
  return store;
}

}  // namespace

RetailerResult<std::map<std::string, KrogerProduct>> parse_kroger_products(const std::string& body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error) {
    return malformed("the products response is not JSON");
  }
  RetailerResult<const json::array*> data = data_array(root, "the products");
  if (!data) {
    return data.error();
  }

  std::map<std::string, KrogerProduct> products;
  for (const json::value& value : **data) {
    if (!value.is_object()) {
      continue;
    }
    const json::object& object = value.as_object();
    std::optional<std::string> product_id = json_id(object, "productId");
    if (!product_id) {
      continue;
    }
    products[*product_id] = KrogerProduct{*product_id, first_stock_level(object), first_aisle(object)};
  }
  return products;
}

RetailerResult<std::vector<storage::Store>> parse_kroger_locations(const std::string& body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error) {
    return malformed("the locations response is not JSON");
  }
  RetailerResult<const json::array*> data = data_array(root, "the locations");
  if (!data) {
    return data.error();
  }

  std::vector<storage::Store> stores;
  for (const json::value& value : **data) {
    if (auto store = read_location(value)) {
      stores.push_back(std::move(*store));
    }
  }
  return stores;
}

}  // namespace wic::retailers
