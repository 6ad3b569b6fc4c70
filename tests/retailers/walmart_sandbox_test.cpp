#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "retailers/stock_mapping.h"
#include "retailers/walmart_connector.h"
#include "sandbox_fixture.h"

namespace wic::retailers {
namespace {

using std::chrono::seconds;

const StoreId kStore = *StoreId::make(Retailer::kWalmart, "1001");

class WalmartSandboxTest : public SandboxTest {};

void write_rsa_key_pair(const std::filesystem::path& private_path, const std::filesystem::path& public_path) {
  std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  ASSERT_NE(key, nullptr);
  std::unique_ptr<FILE, int (*)(FILE*)> private_file(std::fopen(private_path.c_str(), "w"), &std::fclose);
  std::unique_ptr<FILE, int (*)(FILE*)> public_file(std::fopen(public_path.c_str(), "w"), &std::fclose);
  ASSERT_EQ(PEM_write_PrivateKey(private_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  ASSERT_EQ(PEM_write_PUBKEY(public_file.get(), key.get()), 1);
}

TEST_F(WalmartSandboxTest, ConnectorDeclaresOnlineStock) {
  start();
  EXPECT_EQ(walmart().stock_scope(), StockScope::kOnlineOnly);
  EXPECT_EQ(walmart().max_batch_size(), 20u);
  EXPECT_TRUE(connectors_.simulated);
}

TEST_F(WalmartSandboxTest, FirstPassLooksUpThenBatchesByTwenty) {
  start();
  const std::vector<Gtin> gtins = products(45);

  const AvailabilityBatch first = walmart().fetch_availability(kStore, gtins);

  ASSERT_FALSE(first.error.has_value()) << first.error->message;
  EXPECT_EQ(first.requests, 45);
  EXPECT_EQ(stats().calls_to("walmart.items", "sandbox-client"), 45);  // one UPC lookup per new GTIN
  for (const Gtin& gtin : gtins) {
    EXPECT_TRUE(storage_->find_retailer_item(Retailer::kWalmart, gtin).has_value()) << gtin.gtin14();
  }

  const AvailabilityBatch second = walmart().fetch_availability(kStore, gtins);

  ASSERT_FALSE(second.error.has_value()) << second.error->message;
  EXPECT_EQ(second.requests, 3);
  EXPECT_EQ(stats().calls_to("walmart.items", "sandbox-client"), 45 + 3);  // 20 + 20 + 5 ids
  EXPECT_EQ(stats().calls_to("walmart.token"), 1);
}

TEST_F(WalmartSandboxTest, StatusesMatchSandboxStock) {
  start();
  const std::vector<Gtin> gtins = products(30);
  walmart().fetch_availability(kStore, gtins);  // learn the item ids

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, gtins);

  ASSERT_EQ(batch.results.size(), gtins.size());
  int known = 0;
  for (std::size_t i = 0; i < gtins.size(); ++i) {
    const Availability& result = batch.results[i];
    EXPECT_EQ(result.gtin, gtins[i]);
    const auto stock = sandbox_->walmart_stock(gtins[i]);
    EXPECT_EQ(result.status, walmart_stock_status(stock)) << gtins[i].gtin14() << " " << stock.value_or("(none)");
    EXPECT_FALSE(result.retailer_item_id.empty());
    known += result.status != StockStatus::kUnknown ? 1 : 0;
  }
  EXPECT_GT(known, 0);
}

TEST_F(WalmartSandboxTest, TokenRefreshedAtExpiry) {
  start();
  const std::vector<Gtin> gtins = products(5);
  walmart().fetch_availability(kStore, gtins);

  clock_->advance(seconds{850});  // within the 60 s refresh margin of the 900 s token
  const AvailabilityBatch refreshed = walmart().fetch_availability(kStore, gtins);
  clock_->advance(seconds{2000});  // well past expiry
  const AvailabilityBatch expired = walmart().fetch_availability(kStore, gtins);

  EXPECT_FALSE(refreshed.error.has_value());
  EXPECT_FALSE(expired.error.has_value());
  EXPECT_EQ(stats().calls_to("walmart.token"), 3);
  EXPECT_EQ(stats().status_count("walmart.items", 401), 0);  // never sent an expired token
}

TEST_F(WalmartSandboxTest, RevokedTokenRenewedAndRetriedOnce) {
  start();
  const std::vector<Gtin> gtins = products(5);
  walmart().fetch_availability(kStore, gtins);

  sandbox_->revoke_all_tokens();
  const AvailabilityBatch batch = walmart().fetch_availability(kStore, gtins);

  ASSERT_FALSE(batch.error.has_value()) << batch.error->message;
  EXPECT_EQ(stats().calls_to("walmart.token"), 2);
  EXPECT_EQ(stats().status_count("walmart.items", 401), 1);
  EXPECT_EQ(batch.requests, 2);  // the rejected call and its retry
}

TEST_F(WalmartSandboxTest, WrongSecretIsAuthenticationError) {
  variables_["WALMART_CLIENT_SECRET"] = "wrong-secret";
  start();

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, products(3));

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kAuthentication);
  EXPECT_EQ(stats().calls_to("walmart.items"), 0);
  for (const Availability& result : batch.results) {
    EXPECT_EQ(result.status, StockStatus::kUnknown);
  }
}

TEST_F(WalmartSandboxTest, OwnQuotaStopsCallsBeforeRetailer) {
  // 2 a second with a burst of 10 stays below the sandbox's 20 a second.
  limits_["walmart:affiliate"] =
      ratelimit::LimiterConfig{2, 10, {ratelimit::WindowSpec{"day", std::chrono::hours{24}, 30, 24}}};
  start();

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, products(45));

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kRateLimited);
  ASSERT_TRUE(batch.error->retry_after.has_value());
  EXPECT_GT(*batch.error->retry_after, std::chrono::hours{20});
  EXPECT_EQ(stats().calls_to("walmart.items"), 30);
  EXPECT_EQ(batch.requests, 30);
  EXPECT_EQ(std::count_if(batch.results.begin(), batch.results.end(),
                          [](const Availability& a) { return a.error && a.error->kind == ErrorKind::kRateLimited; }),
            15);
}

TEST_F(WalmartSandboxTest, QuotaHeadersStopCallsAtZero) {
  sandbox_config_.quotas.walmart_daily = 10;
  start();

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, products(25));

  // The 10th response says X-Current-Token-Count: 0, so the 11th call is
  // never sent: the retailer sees no call over its quota, not even a 429.
  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kRateLimited) << batch.error->message;
  EXPECT_EQ(batch.requests, 10);
  EXPECT_EQ(stats().status_count("walmart.items", 200), 10);
  EXPECT_EQ(stats().status_count("walmart.items", 429), 0);
  EXPECT_TRUE(limiters_->find(Retailer::kWalmart, "affiliate")->status().held_until.has_value());

  // A second pass the same day sends nothing either.
  const AvailabilityBatch again = walmart().fetch_availability(kStore, products(25));
  ASSERT_TRUE(again.error.has_value());
  EXPECT_EQ(again.error->kind, ErrorKind::kRateLimited);
  EXPECT_EQ(again.requests, 0);
  EXPECT_EQ(stats().calls_to("walmart.items"), 10);
}

TEST_F(WalmartSandboxTest, RateLimitStormSlowsClient) {
  start();
  const std::vector<Gtin> gtins = products(5);
  walmart().fetch_availability(kStore, gtins);
  sandbox::FaultRates storm;
  storm.rate_limit_storm = 1;
  storm.storm_retry_after = seconds{30};
  sandbox_->set_faults({{"walmart.items", storm}});
  const auto calls_before = stats().calls_to("walmart.items");

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, gtins);

  ASSERT_TRUE(batch.error.has_value());
  EXPECT_EQ(batch.error->kind, ErrorKind::kRateLimited);
  EXPECT_EQ(batch.error->retry_after, seconds{30});
  EXPECT_EQ(stats().calls_to("walmart.items") - calls_before, 1);
  const ratelimit::Grant next = limiters_->find(Retailer::kWalmart, "affiliate")->try_acquire();
  EXPECT_FALSE(next.granted);
  EXPECT_GE(next.wait, seconds{29});
}

TEST_F(WalmartSandboxTest, SignedRequestsWithoutOAuth) {
  // The affiliate signature path: the sandbox verifies with the public key.
  const auto directory = std::filesystem::temp_directory_path();
  const auto private_key = directory / "wic-walmart-sandbox-key.pem";
  const auto public_key = directory / "wic-walmart-sandbox-key.pub.pem";
  write_rsa_key_pair(private_key, public_key);
  auto consumer = sandbox::load_walmart_consumer("consumer-7", public_key, "1");
  ASSERT_TRUE(consumer.ok()) << consumer.error().message;
  sandbox_config_.walmart_consumers = {*consumer};
  variables_["WALMART_CONSUMER_ID"] = "consumer-7";
  variables_["WALMART_PRIVATE_KEY_PATH"] = private_key.string();
  start();

  const AvailabilityBatch batch = walmart().fetch_availability(kStore, products(3));

  EXPECT_FALSE(config_.walmart.has_oauth());
  EXPECT_FALSE(batch.error.has_value()) << batch.error->message;
  EXPECT_EQ(stats().calls_to("walmart.token"), 0);
  EXPECT_EQ(stats().calls_to("walmart.items", "consumer-7"), 3);
  std::filesystem::remove(private_key);
  std::filesystem::remove(public_key);
}

TEST_F(WalmartSandboxTest, DiscoversStoresByZipAndPoint) {
  start();

  const auto by_zip = walmart().discover_stores(StoreQuery{"48917", std::nullopt, 10, 5});
  const auto by_point = walmart().discover_stores(StoreQuery{std::nullopt, GeoPoint{42.7325, -84.5555}, 15, 50});

  ASSERT_TRUE(by_zip.ok()) << by_zip.error().message;
  ASSERT_FALSE(by_zip->empty());
  EXPECT_LE(by_zip->size(), 5u);
  EXPECT_EQ(by_zip->front().id.retailer(), Retailer::kWalmart);
  ASSERT_TRUE(by_point.ok()) << by_point.error().message;
  ASSERT_FALSE(by_point->empty());
  for (const auto& store : *by_point) {
    EXPECT_LE(distance_miles(GeoPoint{42.7325, -84.5555}, store.location), 15.0) << store.id.str();
  }
  EXPECT_EQ(stats().calls_to("walmart.stores"), 2);
}

}  // namespace
}  // namespace wic::retailers
