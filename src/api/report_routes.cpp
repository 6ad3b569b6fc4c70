// POST /api/v1/inventory/report: a shopper's report.

#include <boost/json.hpp>
#include <fmt/format.h>

#include "api/answer_json.h"
#include "api/api.h"
#include "api/api_error.h"
#include "api/request_values.h"

namespace wic::api {
namespace {

constexpr std::size_t kMaxAisleLength = 32;
constexpr std::size_t kMaxUserIdLength = 64;
constexpr std::size_t kMaxCodeLength = 32;

// The client a report limit applies to: the peer's IP address without its
// port. NOTE: behind a reverse proxy every client shares the proxy's
// address; the proxy must then limit reports itself.
std::string client_key(const http::Request& request) {
  const std::string& address = request.client_address;
  const std::size_t colon = address.rfind(':');
  return colon == std::string::npos ? address : address.substr(0, colon);
}

inventory::ReportRequest parse_report(ApiContext& context, const http::Request& request) {
  const auto object = parse_json_object(request.body);
  reject_unknown_members(object, {"storeId", "upc", "status", "quantityRange", "aisle", "userId"});

  const StoreId store = parse_store_id(required_string_member(object, "storeId", kMaxCodeLength));
  const Gtin gtin = parse_upc(required_string_member(object, "upc", kMaxCodeLength));
  const StockStatus status = parse_status(required_string_member(object, "status", kMaxCodeLength), "status", false);
  std::optional<QuantityRange> range;
  if (const auto text = string_member(object, "quantityRange", kMaxCodeLength)) {
    range = parse_quantity_range(*text, "quantityRange");
  }
  inventory::ReportRequest report{store,
                                  gtin,
                                  status,
                                  range,
                                  string_member(object, "aisle", kMaxAisleLength),
                                  string_member(object, "userId", kMaxUserIdLength),
                                  client_key(request)};

  if (!context.service.catalog().find_store(store)) {
    throw ApiError(404, "store_not_found", fmt::format("store {} not found", store.str()));
  }
  if (!context.service.catalog().find_product(gtin)) {
    throw ApiError(404, "product_not_found",
                   fmt::format("product {} is not on the WIC approved product list", upc_of(gtin)));
  }
  return report;
}

http::Reply post_report(ApiContext& context, const RouteRequest& request) {
  const inventory::ReportRequest report = parse_report(context, request.request);

  const auto outcome = context.service.report(report);
  if (!outcome.accepted) {
    const auto seconds = std::max<std::int64_t>(
        1, std::chrono::ceil<std::chrono::seconds>(outcome.retry_after).count());
    return error_reply(429, "too_many_reports",
                       fmt::format("this client sent too many reports; retry in {} seconds", seconds))
        .with_header("Retry-After", std::to_string(seconds));
  }

  boost::json::object body;
  body["reportId"] = outcome.report_id;
  body["item"] = to_json(*outcome.answer);
  return http::Reply::json(201, boost::json::serialize(body));
}

}  // namespace

void add_report_routes(Router& router, ApiContext& context) {
  router.add({"POST", "/api/v1/inventory/report",
              [&context](const RouteRequest& request) { return post_report(context, request); }});
}

}  // namespace wic::api
