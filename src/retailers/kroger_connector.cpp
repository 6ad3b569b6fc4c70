#include "retailers/kroger_connector.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "retailers/http_client.h"
#include "retailers/kroger_response.h"
#include "retailers/stock_mapping.h"

namespace wic::retailers {

KrogerConnector::KrogerConnector(std::string base_url, std::shared_ptr<ApiCaller> api,
                                 std::shared_ptr<ratelimit::RateLimiter> products_limiter,
                                 std::shared_ptr<ratelimit::RateLimiter> locations_limiter)
    : base_url_(std::move(base_url)),
      api_(std::move(api)),
      products_limiter_(std::move(products_limiter)),
      locations_limiter_(std::move(locations_limiter)) {}

AvailabilityBatch KrogerConnector::fetch_availability(const StoreId& store, const std::vector<Gtin>& gtins,
                                                      const ratelimit::CancellationToken* cancel) {
  AvailabilityBatch batch;
  for (const Gtin& gtin : gtins) {
    batch.results.push_back(make_availability(gtin));
  }
  if (store.retailer() != Retailer::kKroger) {
    batch.error = make_error(ErrorKind::kInvalidRequest,
                                fmt::format("store {} is not a Kroger store", store.str()));
    for (Availability& result : batch.results) {
      result.error = batch.error;
    }
    return batch;
  }

  for (std::size_t start = 0; start < gtins.size(); start += kMaxProductsPerCall) {
    const std::size_t end = std::min(gtins.size(), start + kMaxProductsPerCall);
    std::vector<std::string> product_ids;
    for (std::size_t i = start; i < end; ++i) {
      product_ids.push_back(gtins[i].kroger_product_id());
    }

    // No filter.limit: Kroger ignores it beside filter.productId, and another
    // client saw a 500 (PRODUCT-4011) when it was above 11.
    const std::string url = fmt::format("{}/v1/products?filter.productId={}&filter.locationId={}", base_url_,
                                        fmt::join(product_ids, ","), store.local_id());
    RetailerResult<HttpResponse> response = api_->get(*products_limiter_, url, "kroger products lookup", cancel);
    batch.requests += response ? response->attempts : response.error().attempts;
    RetailerResult<std::map<std::string, KrogerProduct>> products =
        response ? parse_kroger_products(response->body)
                 : RetailerResult<std::map<std::string, KrogerProduct>>(response.error());

    if (!products) {
      batch.error = batch.error.value_or(products.error());
      const std::size_t failed_until = stops_batch(products.error()) ? gtins.size() : end;
      for (std::size_t i = start; i < failed_until; ++i) {
        batch.results[i].error = products.error();
      }
      if (stops_batch(products.error())) {
        break;
      }
      continue;
    }

    for (std::size_t i = start; i < end; ++i) {
      Availability& result = batch.results[i];
      const auto it = products->find(product_ids[i - start]);
      if (it == products->end()) {
        // Absent from the response: unknown for this product, never another's stock.
        result.error = make_error(ErrorKind::kNotFound,
                                     fmt::format("kroger products lookup left product {} out of its response",
                                                 product_ids[i - start]));
        continue;
      }
      result.retailer_item_id = it->second.product_id;
      result.status = kroger_stock_status(it->second.stock_level);
      result.aisle = it->second.aisle;
    }
  }

  const auto unknown = std::count_if(batch.results.begin(), batch.results.end(),
                                     [](const Availability& a) { return a.status == StockStatus::kUnknown; });
  spdlog::info("kroger availability: store={} gtins={} unknown={} requests={} error={}", store.str(), gtins.size(),
               unknown, batch.requests, batch.error ? to_string(batch.error->kind) : "none");
  return batch;
}

RetailerResult<std::vector<storage::Store>> KrogerConnector::discover_stores(const StoreQuery& query) {
  const int radius = static_cast<int>(std::clamp(std::ceil(query.radius_miles), 1.0, kMaxRadiusMiles));
  const int limit = std::clamp(query.limit, 1, kMaxLocations);

  std::string url;
  if (query.zip) {
    url = fmt::format("{}/v1/locations?filter.zipCode.near={}", base_url_, url_encode(*query.zip));
  } else if (query.location) {
    url = fmt::format("{}/v1/locations?filter.lat.near={}&filter.lon.near={}", base_url_, query.location->latitude,
                      query.location->longitude);
  } else {
    return make_error(ErrorKind::kInvalidRequest, "kroger store search needs a ZIP code or a point");
  }
  url += fmt::format("&filter.radiusInMiles={}&filter.limit={}", radius, limit);

  RetailerResult<HttpResponse> response = api_->get(*locations_limiter_, url, "kroger locations search", nullptr);
  if (!response) {
    return response.error();
  }
  return parse_kroger_locations(response->body);
}

}  // namespace wic::retailers
