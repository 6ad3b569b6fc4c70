#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/gtin.h"
#include "core/stock.h"
#include "core/store_id.h"
#include "http/target.h"

namespace wic::api {

// Parsers of request values. Each throws ApiError 400 whose message names
// the value and says what is expected.

// A UPC-A (or any GTIN with its check digit). `what` names where it came
// from in the message, e.g. "upc".
Gtin parse_upc(std::string_view text, std::string_view what = "upc");
StoreId parse_store_id(std::string_view text, std::string_view what = "storeId");
// in_stock, low_stock or out_of_stock; `unknown` only when `allow_unknown`.
StockStatus parse_status(std::string_view text, std::string_view what, bool allow_unknown);
QuantityRange parse_quantity_range(std::string_view text, std::string_view what);

// Query parameters, rejecting any name not in `allowed`.
class QueryReader {
 public:
  QueryReader(const http::Params& params, std::vector<std::string_view> allowed);

  std::optional<std::string> text(std::string_view name, std::size_t max_length) const;
  // An integer within [min, max], or `fallback` when absent.
  long integer(std::string_view name, long min, long max, long fallback) const;
  std::optional<double> number(std::string_view name, double min, double max) const;
  // "true" or "false", or `fallback` when absent.
  bool boolean(std::string_view name, bool fallback) const;

 private:
  const http::Params& params_;
};

// The request body as a JSON object; 400 when it is not one.
boost::json::object parse_json_object(std::string_view body);
// Rejects members of `object` not in `allowed`.
void reject_unknown_members(const boost::json::object& object, std::vector<std::string_view> allowed);
// A string member, or nothing when absent or null; 400 when it is another
// type or longer than `max_length`.
std::optional<std::string> string_member(const boost::json::object& object, std::string_view name,
                                         std::size_t max_length);
std::string required_string_member(const boost::json::object& object, std::string_view name, std::size_t max_length);
// An array of strings of at most `max_items`; 400 when absent or not one.
std::vector<std::string> string_array_member(const boost::json::object& object, std::string_view name,
                                             std::size_t max_items, std::size_t max_length);

}  // namespace wic::api
