#pragma once

#include <memory>
#include <string>

#include "ratelimit/rate_limiter.h"
#include "retailers/api_caller.h"
#include "retailers/connector.h"
#include "storage/storage.h"

namespace wic::retailers {

// Walmart affiliate API (walmart.io). Its `stock` is online stock, the same
// for every store, so stock_scope() is kOnlineOnly. A new GTIN is looked up
// by UPC, in one call that also returns its stock, and its item id is kept
// in storage. Known items are then refreshed 20 ids a call. Every call
// spends the one "walmart:affiliate" quota.
class WalmartConnector final : public RetailerConnector {
 public:
  static constexpr std::size_t kMaxIdsPerCall = 20;  // the affiliate items lookup's documented maximum

  // `base_url` without a trailing slash, e.g.
  // https://developer.api.walmart.com/api-proxy/service.
  WalmartConnector(std::string base_url, std::shared_ptr<ApiCaller> api,
                   std::shared_ptr<ratelimit::RateLimiter> limiter, std::shared_ptr<storage::Storage> storage);

  Retailer retailer() const override { return Retailer::kWalmart; }
  StockScope stock_scope() const override { return StockScope::kOnlineOnly; }
  std::size_t max_batch_size() const override { return kMaxIdsPerCall; }

  AvailabilityBatch fetch_availability(const StoreId& store, const std::vector<Gtin>& gtins,
                                       const ratelimit::CancellationToken* cancel = nullptr) override;

  // Walmart's store locator takes a ZIP code or a point but no radius; with a
  // point, stores beyond the radius are dropped here.
  RetailerResult<std::vector<storage::Store>> discover_stores(const StoreQuery& query) override;

 private:
  struct Pending;

  void look_up_new_items(Pending& pending, AvailabilityBatch& batch, const ratelimit::CancellationToken* cancel);
  void refresh_known_items(Pending& pending, AvailabilityBatch& batch, const ratelimit::CancellationToken* cancel);
  std::optional<std::string> find_item_id(const Gtin& gtin);
  void remember_item_id(const Gtin& gtin, const std::string& item_id);

  std::string base_url_;
  std::shared_ptr<ApiCaller> api_;
  std::shared_ptr<ratelimit::RateLimiter> limiter_;
  std::shared_ptr<storage::Storage> storage_;
};

}  // namespace wic::retailers
