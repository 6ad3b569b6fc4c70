#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace wic::retailers {

// Small readers for retailer JSON that tolerate the type drift real APIs
// show (ids as numbers or strings). Each returns nothing for a missing field
// or a null.
std::optional<std::string> json_string(const boost::json::object& object, std::string_view key);
// A string, or a whole number written as a string.
std::optional<std::string> json_id(const boost::json::object& object, std::string_view key);
std::optional<double> json_number(const boost::json::object& object, std::string_view key);
const boost::json::object* json_object(const boost::json::object& object, std::string_view key);
const boost::json::array* json_array(const boost::json::object& object, std::string_view key);

}  // namespace wic::retailers
