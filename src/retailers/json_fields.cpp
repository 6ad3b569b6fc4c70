#include "retailers/json_fields.h"

namespace wic::retailers {

namespace json = boost::json;

std::optional<std::string> json_string(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) {
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::string> json_id(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->is_string()) {
    return std::string(value->as_string());
  }
  if (value->is_int64()) {
    return std::to_string(value->as_int64());
  }
  if (value->is_uint64()) {
    return std::to_string(value->as_uint64());
  }
  return std::nullopt;
}

std::optional<double> json_number(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_number()) {
    return std::nullopt;
  }
  return value->to_number<double>();
}

const json::object* json_object(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_object() ? &value->as_object() : nullptr;
}

const json::array* json_array(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_array() ? &value->as_array() : nullptr;
}

}  // namespace wic::retailers
