#include <gtest/gtest.h>

#include <algorithm>

#include "retailers/kroger_connector.h"
#include "retailers/stock_mapping.h"
#include "sandbox_fixture.h"

namespace wic::retailers {
namespace {

using std::chrono::seconds;

class KrogerSandboxTest : public SandboxTest {
 protected:
  StoreId first_store() const { return *StoreId::make(Retailer::kKroger, catalog_->kroger_stores().front().location_id); }
};

TEST_F(KrogerSandboxTest, ConnectorDeclaresPerStoreStock) {
  start();
  EXPECT_EQ(kroger().stock_scope(), StockScope::kPerStore);
  EXPECT_EQ(kroger().max_batch_size(), 50u);
}

TEST_F(KrogerSandboxTest, BatchesFiftyProductsPerCall) {
  start();
  const std::vector<Gtin> gtins = products(120);

  const AvailabilityBatch batch = kroger().fetch_availability(first_store(), gtins);

  ASSERT_FALSE(batch.error.has_value()) << batch.error->message;
  EXPECT_EQ(batch.requests, 3);
  EXPECT_EQ(stats().calls_to("kroger.products", "sandbox-client"), 3);  // 50 + 50 + 20
  EXPECT_EQ(stats().calls_to("kroger.token"), 1);
  ASSERT_EQ(batch.results.size(), 120u);
}

TEST_F(KrogerSandboxTest, StatusesMatchSandboxStockLevels) {
  start();
  const StoreId store = first_store();
  const std::vector<Gtin> gtins = products(50);

  const AvailabilityBatch batch = kroger().fetch_availability(store, gtins);

  ASSERT_FALSE(batch.error.has_value()) << batch.error->message;
  int known = 0;
  for (std::size_t i = 0; i < gtins.size(); ++i) {
    const Availability& result = batch.results[i];
    EXPECT_EQ(result.gtin, gtins[i]);
    const auto level = sandbox_->kroger_stock_level(store.local_id(), gtins[i]);
    EXPECT_EQ(result.status, kroger_stock_status(level)) << gtins[i].gtin14() << " " << level.value_or("(none)");
    known += result.status != StockStatus::kUnknown ? 1 : 0;
  }
  EXPECT_GT(known, 0);
}

TEST_F(KrogerSandboxTest, DroppedProductIsUnknownNotNeighbour) {
  start();
  const StoreId store = first_store();
  const std::vector<Gtin> gtins = products(20);
  sandbox::FaultRates drop;
  drop.drop_product = 1;
  sandbox_->set_faults({{"kroger.products", drop}});

  const AvailabilityBatch batch = kroger().fetch_availability(store, gtins);

  int dropped = 0;
  for (std::size_t i = 0; i < gtins.size(); ++i) {
    const Availability& result = batch.results[i];
    if (result.error && result.error->kind == ErrorKind::kNotFound) {
      ++dropped;
      EXPECT_EQ(result.status, StockStatus::kUnknown);
      EXPECT_TRUE(result.retailer_item_id.empty());
      continue;
    }
    EXPECT_EQ(result.status, kroger_stock_status(sandbox_->kroger_stock_level(store.local_id(), gtins[i])));
  }
  EXPECT_EQ(dropped, 1);
}

TEST_F(KrogerSandboxTest, TokenRefreshedAtExpiry) {
  start();
  const std::vector<Gtin> gtins = products(5);
  kroger().fetch_availability(first_store(), gtins);

  clock_->advance(seconds{1000});
  kroger().fetch_availability(first_store(), gtins);
  EXPECT_EQ(stats().calls_to("kroger.token"), 1);  // 1800 s tokens still fresh

  clock_->advance(seconds{750});  // 1750 s: inside the 60 s margin
  const AvailabilityBatch batch = kroger().fetch_availability(first_store(), gtins);

  EXPECT_FALSE(batch.error.has_value());
  EXPECT_EQ(stats().calls_to("kroger.token"), 2);
  EXPECT_EQ(stats().status_count("kroger.products", 401), 0);
}

TEST_F(KrogerSandboxTest, RevokedTokenFaultRenewsToken) {
  start();
  const std::vector<Gtin> gtins = products(5);
  kroger().fetch_availability(first_store(), gtins);
  sandbox_->revoke_all_tokens();

  const AvailabilityBatch batch = kroger().fetch_availability(first_store(), gtins);

  ASSERT_FALSE(batch.error.has_value()) << batch.error->message;
  EXPECT_EQ(stats().status_count("kroger.products", 401), 1);
  EXPECT_EQ(stats().calls_to("kroger.token"), 2);
}

TEST_F(KrogerSandboxTest, ProductQuotaNeverExceeded) {
  limits_["kroger:products"] =
      ratelimit::LimiterConfig{100, 100, {ratelimit::WindowSpec{"day", std::chrono::hours{24}, 4, 24}}};
  start();
  const std::vector<Gtin> gtins = products(50);

  int rate_limited = 0;
  for (int pass = 0; pass < 6; ++pass) {
    const AvailabilityBatch batch = kroger().fetch_availability(first_store(), gtins);
    rate_limited += batch.error && batch.error->kind == ErrorKind::kRateLimited ? 1 : 0;
    clock_->advance(std::chrono::hours{1});
  }

  EXPECT_EQ(stats().calls_to("kroger.products"), 4);
  EXPECT_EQ(rate_limited, 2);
}

TEST_F(KrogerSandboxTest, SandboxDailyQuotaAnswers429Once) {
  sandbox_config_.quotas.kroger_products_daily = 3;
  start();
  const std::vector<Gtin> gtins = products(200);

  const AvailabilityBatch batch = kroger().fetch_availability(first_store(), gtins);

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kRateLimited);
  EXPECT_EQ(stats().status_count("kroger.products", 200), 3);
  EXPECT_EQ(stats().status_count("kroger.products", 429), 1);
  EXPECT_EQ(std::count_if(batch.results.begin(), batch.results.end(),
                          [](const Availability& a) { return a.status == StockStatus::kUnknown && a.error; }),
            50);
}

TEST_F(KrogerSandboxTest, DiscoversStoresByZipAndPoint) {
  start();
  const auto& store = catalog_->kroger_stores().front();

  const auto by_zip = kroger().discover_stores(StoreQuery{store.zip, std::nullopt, 25, 10});
  const auto by_point = kroger().discover_stores(StoreQuery{std::nullopt, store.location, 5, 10});

  ASSERT_TRUE(by_zip.ok()) << by_zip.error().message;
  ASSERT_FALSE(by_zip->empty());
  EXPECT_LE(by_zip->size(), 10u);
  ASSERT_TRUE(by_point.ok()) << by_point.error().message;
  ASSERT_FALSE(by_point->empty());
  EXPECT_EQ(by_point->front().id.local_id(), store.location_id);
  EXPECT_EQ(stats().calls_to("kroger.locations"), 2);
}

TEST_F(KrogerSandboxTest, WrongStoreRetailerIsInvalidRequest) {
  start();
  const AvailabilityBatch batch =
      kroger().fetch_availability(*StoreId::make(Retailer::kWalmart, "1001"), products(2));

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kInvalidRequest);
  EXPECT_EQ(stats().total_calls(), 0);
}

}  // namespace
}  // namespace wic::retailers
