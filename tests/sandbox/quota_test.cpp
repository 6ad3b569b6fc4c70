#include "sandbox/wire.h"
#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

class QuotaTest : public SandboxTest {
 protected:
  void with_quotas(QuotaLimits limits) {
    SandboxConfig config = test_config(clock_);
    config.quotas = limits;
    config.walmart_clients.push_back({"second-client", "second-secret"});
    restart(std::move(config));
  }

  std::string walmart_item_path() const { return std::string(kItemsPath) + "?upc=" + a_cereal().upc; }
  std::string kroger_product_path() const {
    return "/v1/products?filter.productId=" + a_cereal().gtin.kroger_product_id();
  }
};

TEST_F(QuotaTest, WalmartDailyQuotaExhausted) {
  with_quotas({.walmart_daily = 3, .burst_per_second = 0});
  const std::string token = walmart_token();

  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(walmart_get(walmart_item_path(), token).status, 200) << "call " << i;
  }
  const auto refused = walmart_get(walmart_item_path(), token);

  ASSERT_EQ(refused.status, 429);
  const auto body = parse_json(refused.body);
  EXPECT_EQ(body.at("errors").at(0).at("code").as_string(), "REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API");
  EXPECT_EQ(refused.header("x-current-token-count"), "0");
  // The clock is at 2025-03-03T12:00:00Z; the UTC day ends 12 hours later.
  EXPECT_EQ(refused.header("x-next-replenishment-time"),
            std::to_string(epoch_milliseconds(*parse_utc("2025-03-04T00:00:00Z"))));
  EXPECT_EQ(refused.header("retry-after"), "43200");
  EXPECT_EQ(sandbox_->stats().rate_limited_count("quota"), 1);
}

TEST_F(QuotaTest, WalmartQuotaReplenishedAtUtcMidnight) {
  with_quotas({.walmart_daily = 1, .burst_per_second = 0});
  const std::string token = walmart_token();
  ASSERT_EQ(walmart_get(walmart_item_path(), token).status, 200);

  clock_->set(*parse_utc("2025-03-03T23:59:59Z"));
  const auto before_midnight = walmart_get(walmart_item_path(), walmart_token());
  clock_->set(*parse_utc("2025-03-04T00:00:00Z"));
  const auto after_midnight = walmart_get(walmart_item_path(), walmart_token());

  EXPECT_EQ(before_midnight.status, 429);
  EXPECT_EQ(after_midnight.status, 200);
}

TEST_F(QuotaTest, QuotaPerClient) {
  with_quotas({.walmart_daily = 1, .burst_per_second = 0});
  const std::string first = walmart_token();
  const auto second_token = client_->post("/v3/token", "grant_type=client_credentials",
                                          {{"Authorization", testing::basic_auth("second-client", "second-secret")},
                                           {"WM_SVC.NAME", "wic-inventory"},
                                           {"WM_QOS.CORRELATION_ID", "1"}});
  ASSERT_EQ(second_token.status, 200);
  const std::string second(parse_json(second_token.body).at("access_token").as_string());

  EXPECT_EQ(walmart_get(walmart_item_path(), first).status, 200);
  EXPECT_EQ(walmart_get(walmart_item_path(), first).status, 429);
  EXPECT_EQ(walmart_get(walmart_item_path(), second).status, 200);
  const auto stats = sandbox_->stats();
  EXPECT_EQ(stats.calls_to("walmart.items", "sandbox-client"), 2);
  EXPECT_EQ(stats.calls_to("walmart.items", "second-client"), 1);
}

TEST_F(QuotaTest, KrogerDayStartsAtFirstCall) {
  with_quotas({.kroger_products_daily = 2, .burst_per_second = 0});
  clock_->advance(std::chrono::hours(5));  // first call at 17:00
  const std::string token = kroger_token();
  ASSERT_EQ(kroger_get(kroger_product_path(), token).status, 200);
  clock_->advance(std::chrono::hours(1));
  const std::string later_token = kroger_token();  // Kroger tokens live 30 minutes
  ASSERT_EQ(kroger_get(kroger_product_path(), later_token).status, 200);
  const auto refused = kroger_get(kroger_product_path(), later_token);
  clock_->advance(std::chrono::hours(23) - std::chrono::seconds(1));  // 16:59:59 the next day
  const auto still_refused = kroger_get(kroger_product_path(), kroger_token());
  clock_->advance(std::chrono::seconds(1));  // 24 hours after the first call
  const auto renewed = kroger_get(kroger_product_path(), kroger_token());

  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("retry-after"), std::to_string(23 * 3600));
  const auto body = parse_json(refused.body);
  EXPECT_TRUE(body.at("reason").is_string());
  EXPECT_EQ(still_refused.status, 429);
  EXPECT_EQ(renewed.status, 200);
}

TEST_F(QuotaTest, KrogerLocationsSeparateQuota) {
  with_quotas({.kroger_products_daily = 1, .kroger_locations_daily = 2, .burst_per_second = 0});
  const std::string token = kroger_token();
  const std::string locations = "/v1/locations?filter.zipCode.near=48104";

  EXPECT_EQ(kroger_get(kroger_product_path(), token).status, 200);
  EXPECT_EQ(kroger_get(kroger_product_path(), token).status, 429);
  EXPECT_EQ(kroger_get(locations, token).status, 200);
  EXPECT_EQ(kroger_get(locations, token).status, 200);
  EXPECT_EQ(kroger_get(locations, token).status, 429);
}

TEST_F(QuotaTest, TokenCallsNotCounted) {
  with_quotas({.walmart_daily = 1, .burst_per_second = 0});

  for (int i = 0; i < 3; ++i) {
    walmart_token();
  }

  EXPECT_EQ(walmart_get(walmart_item_path(), walmart_token()).status, 200);
}

TEST_F(QuotaTest, BurstLimitPerSecond) {
  with_quotas({.burst_per_second = 3});
  const std::string token = walmart_token();

  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(walmart_get(walmart_item_path(), token).status, 200) << "call " << i;
  }
  const auto refused = walmart_get(walmart_item_path(), token);
  clock_->advance(std::chrono::seconds(1));
  const auto next_second = walmart_get(walmart_item_path(), token);

  ASSERT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("retry-after"), "1");
  EXPECT_EQ(refused.header("x-current-token-count"), "0");
  EXPECT_EQ(next_second.status, 200);
  // The refused call spent no daily quota: 4 of 5,000 are used.
  EXPECT_EQ(next_second.header("x-current-token-count"), "4996");
  EXPECT_EQ(sandbox_->stats().rate_limited_count("burst"), 1);
}

TEST_F(QuotaTest, UsageReported) {
  with_quotas({.walmart_daily = 10, .burst_per_second = 0});
  const std::string token = walmart_token();
  walmart_get(walmart_item_path(), token);
  walmart_get(walmart_item_path(), token);

  const auto stats = parse_json(client_->get("/_sandbox/stats").body);
  const auto usage = sandbox_->quota_usage();

  const auto& walmart = stats.at("quota").at("walmart").at("sandbox-client");
  EXPECT_EQ(walmart.at("used").as_int64(), 2);
  EXPECT_EQ(walmart.at("limit").as_int64(), 10);
  EXPECT_EQ(walmart.at("remaining").as_int64(), 8);
  EXPECT_EQ(walmart.at("resets_at").as_string(), "2025-03-04T00:00:00Z");
  ASSERT_EQ(usage.size(), 1U);
  EXPECT_EQ(usage.front().used, 2);
}

TEST_F(QuotaTest, UsageReportedForEveryClient) {
  with_quotas({.walmart_daily = 10, .burst_per_second = 0});
  const std::string first = walmart_token();
  const auto second_token = client_->post("/v3/token", "grant_type=client_credentials",
                                          {{"Authorization", testing::basic_auth("second-client", "second-secret")},
                                           {"WM_SVC.NAME", "wic-inventory"},
                                           {"WM_QOS.CORRELATION_ID", "1"}});
  ASSERT_EQ(second_token.status, 200);
  const std::string second(parse_json(second_token.body).at("access_token").as_string());
  walmart_get(walmart_item_path(), first);
  walmart_get(walmart_item_path(), second);
  walmart_get(walmart_item_path(), second);

  const auto stats = parse_json(client_->get("/_sandbox/stats").body);

  const auto& walmart = stats.at("quota").at("walmart").as_object();
  ASSERT_TRUE(walmart.contains("sandbox-client"));
  ASSERT_TRUE(walmart.contains("second-client"));
  EXPECT_EQ(walmart.at("sandbox-client").at("used").as_int64(), 1);
  EXPECT_EQ(walmart.at("second-client").at("used").as_int64(), 2);
}

}  // namespace
}  // namespace wic::sandbox
