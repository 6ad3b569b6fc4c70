#include "api/request_values.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "api/api_error.h"

namespace wic::api {
namespace {

// Quotes a value for a message, cut so that a huge value does not become a
// huge error body.
std::string quoted(std::string_view value) {
  constexpr std::size_t kMaxShown = 64;
  if (value.size() > kMaxShown) {
    return fmt::format("\"{}...\"", value.substr(0, kMaxShown));
  }
  return fmt::format("\"{}\"", value);
}

}  // namespace

Gtin parse_upc(std::string_view text, std::string_view what) {
  auto code = ProductCode::parse(text);
  if (!code) {
    throw_bad_request("invalid_upc", fmt::format("invalid {} {}: {}", what, quoted(text), code.error().message));
  }
  if (!code->is_gtin()) {
    throw_bad_request("invalid_upc",
                      fmt::format("invalid {} {}: a {}-digit code is a produce or store code, which retailers cannot "
                                  "look up; send the 12-digit UPC-A printed under the barcode",
                                  what, quoted(text), text.size()));
  }
  return code->gtin();
}

StoreId parse_store_id(std::string_view text, std::string_view what) {
  auto store = StoreId::parse(text);
  if (!store) {
    throw_bad_request("invalid_store_id", fmt::format("invalid {} {}: {}", what, quoted(text), store.error().message));
  }
  return *store;
}

StockStatus parse_status(std::string_view text, std::string_view what, bool allow_unknown) {
  const auto status = parse_stock_status(text);
  if (!status || (*status == StockStatus::kUnknown && !allow_unknown)) {
    throw_bad_request("invalid_status",
                      fmt::format("invalid {} {}: expected in_stock, low_stock or out_of_stock{}", what, quoted(text),
                                  allow_unknown ? " or unknown" : ""));
  }
  return *status;
}

QuantityRange parse_quantity_range(std::string_view text, std::string_view what) {
  const auto range = wic::parse_quantity_range(text);
  if (!range) {
    throw_bad_request("invalid_quantity_range",
                      fmt::format("invalid {} {}: expected few (1 to 3), some (4 to 10) or plenty (more than 10)",
                                  what, quoted(text)));
  }
  return *range;
}

QueryReader::QueryReader(const http::Params& params, std::vector<std::string_view> allowed) : params_(params) {
  for (const auto& [name, value] : params.pairs()) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string expected;
      for (const auto candidate : allowed) {
        expected += expected.empty() ? "" : ", ";
        expected += candidate;
      }
      throw_bad_request("invalid_query", fmt::format("unknown query parameter {}: this route takes {}", quoted(name),
                                                     expected.empty() ? "no parameters" : expected));
    }
  }
}

std::optional<std::string> QueryReader::text(std::string_view name, std::size_t max_length) const {
  auto value = params_.get(name);
  if (value && (value->empty() || value->size() > max_length)) {
    throw_bad_request("invalid_query", fmt::format("invalid {} {}: expected 1 to {} characters", name,
                                                   quoted(*value), max_length));
  }
  return value;
}

long QueryReader::integer(std::string_view name, long min, long max, long fallback) const {
  const auto value = params_.get(name);
  if (!value) {
    return fallback;
  }
  long parsed = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc{} || end != value->data() + value->size() || parsed < min || parsed > max) {
    throw_bad_request("invalid_query",
                      fmt::format("invalid {} {}: expected an integer from {} to {}", name, quoted(*value), min, max));
  }
  return parsed;
}

std::optional<double> QueryReader::number(std::string_view name, double min, double max) const {
  const auto value = params_.get(name);
  if (!value) {
    return std::nullopt;
  }
  double parsed = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc{} || end != value->data() + value->size() || !std::isfinite(parsed) || parsed < min ||
      parsed > max) {
    throw_bad_request("invalid_query",
                      fmt::format("invalid {} {}: expected a number from {} to {}", name, quoted(*value), min, max));
  }
  return parsed;
}

bool QueryReader::boolean(std::string_view name, bool fallback) const {
  const auto value = params_.get(name);
  if (!value) {
    return fallback;
  }
  if (*value == "true") {
    return true;
  }
  if (*value == "false") {
    return false;
  }
  throw_bad_request("invalid_query", fmt::format("invalid {} {}: expected true or false", name, quoted(*value)));
}

boost::json::object parse_json_object(std::string_view body) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(body, error);
  if (error) {
    throw_bad_request("invalid_json", fmt::format("the request body is not valid JSON: {}", error.message()));
  }
  if (!value.is_object()) {
    throw_bad_request("invalid_body", "the request body must be a JSON object");
  }
  return std::move(value.as_object());
}

void reject_unknown_members(const boost::json::object& object, std::vector<std::string_view> allowed) {
  for (const auto& member : object) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end()) {
      std::string expected;
      for (const auto candidate : allowed) {
        expected += expected.empty() ? "" : ", ";
        expected += candidate;
      }
      throw_bad_request("invalid_body",
                        fmt::format("unknown field {}: the body takes {}", quoted(member.key()), expected));
    }
  }
}

std::optional<std::string> string_member(const boost::json::object& object, std::string_view name,
                                         std::size_t max_length) {
  const auto* value = object.if_contains(name);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    throw_bad_request("invalid_body", fmt::format("invalid {}: expected a string", name));
  }
  const auto& text = value->get_string();
  if (text.empty() || text.size() > max_length) {
    throw_bad_request("invalid_body", fmt::format("invalid {} {}: expected 1 to {} characters", name,
                                                  quoted(std::string_view(text)), max_length));
  }
  return std::string(text);
}

std::string required_string_member(const boost::json::object& object, std::string_view name, std::size_t max_length) {
  auto value = string_member(object, name, max_length);
  if (!value) {
    throw_bad_request("invalid_body", fmt::format("missing {}: the body must give it as a string", name));
  }
  return *value;
}

std::vector<std::string> string_array_member(const boost::json::object& object, std::string_view name,
                                             std::size_t max_items, std::size_t max_length) {
  const auto* value = object.if_contains(name);
  if (value == nullptr || !value->is_array()) {
    throw_bad_request("invalid_body", fmt::format("missing {}: the body must give it as an array of strings", name));
  }
  const auto& array = value->get_array();
  if (array.empty() || array.size() > max_items) {
    throw_bad_request("invalid_body", fmt::format("invalid {}: expected 1 to {} items, got {}", name, max_items,
                                                  array.size()));
  }

  std::vector<std::string> items;
  items.reserve(array.size());
  for (const auto& item : array) {
    if (!item.is_string() || item.get_string().size() > max_length) {
      throw_bad_request("invalid_body",
                        fmt::format("invalid {}: every item must be a string of at most {} characters", name,
                                    max_length));
    }
    items.emplace_back(item.get_string());
  }
  return items;
}

}  // namespace wic::api
