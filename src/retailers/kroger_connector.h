#pragma once

#include <memory>
#include <string>

#include "ratelimit/rate_limiter.h"
#include "retailers/api_caller.h"
#include "retailers/connector.h"

namespace wic::retailers {

// Kroger public API: stock per store, up to 50 products a call by their
// 13-digit productId (the GTIN-14 without its check digit). Products spend
// the "kroger:products" quota and store searches "kroger:locations".
class KrogerConnector final : public RetailerConnector {
 public:
  static constexpr std::size_t kMaxProductsPerCall = 50;  // filter.productId's documented maximum
  static constexpr double kMaxRadiusMiles = 100;          // filter.radiusInMiles accepts 1 to 100
  static constexpr int kMaxLocations = 200;               // filter.limit accepts 1 to 200

  KrogerConnector(std::string base_url, std::shared_ptr<ApiCaller> api,
                  std::shared_ptr<ratelimit::RateLimiter> products_limiter,
                  std::shared_ptr<ratelimit::RateLimiter> locations_limiter);

  Retailer retailer() const override { return Retailer::kKroger; }
  StockScope stock_scope() const override { return StockScope::kPerStore; }
  std::size_t max_batch_size() const override { return kMaxProductsPerCall; }

  AvailabilityBatch fetch_availability(const StoreId& store, const std::vector<Gtin>& gtins,
                                       const ratelimit::CancellationToken* cancel = nullptr) override;
  RetailerResult<std::vector<storage::Store>> discover_stores(const StoreQuery& query) override;

 private:
  std::string base_url_;
  std::shared_ptr<ApiCaller> api_;
  std::shared_ptr<ratelimit::RateLimiter> products_limiter_;
  std::shared_ptr<ratelimit::RateLimiter> locations_limiter_;
};

}  // namespace wic::retailers
