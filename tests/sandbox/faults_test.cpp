#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

class FaultsTest : public SandboxTest {
 protected:
  std::string item_path() const { return std::string(kItemsPath) + "?upc=" + a_cereal().upc; }
  std::string two_items_path() const {
    const auto& products = shared_catalog()->products();
    return std::string(kItemsPath) + "?ids=" + products[0].walmart_item_id + "," + products[1].walmart_item_id;
  }
  std::string kroger_path() const {
    const auto& products = shared_catalog()->products();
    return "/v1/products?filter.productId=" + products[0].gtin.kroger_product_id() + "," +
           products[1].gtin.kroger_product_id();
  }
  testing::HttpResponse put_faults(const std::string& json) {
    return client_->request("PUT", "/_sandbox/faults", json, {{"Content-Type", "application/json"}});
  }
};

TEST_F(FaultsTest, Error500InRetailerShape) {
  const std::string walmart = walmart_token();
  const std::string kroger = kroger_token();
  sandbox_->set_faults({{"all", {.error_500 = 1.0}}});

  const auto walmart_response = walmart_get(item_path(), walmart);
  const auto kroger_response = kroger_get(kroger_path(), kroger);

  EXPECT_EQ(walmart_response.status, 500);
  EXPECT_TRUE(parse_json(walmart_response.body).at("errors").at(0).at("message").is_string());
  EXPECT_EQ(kroger_response.status, 500);
  EXPECT_TRUE(parse_json(kroger_response.body).at("reason").is_string());
  EXPECT_EQ(sandbox_->stats().faults_sent("error_500"), 2);
}

TEST_F(FaultsTest, Error503) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"walmart", {.error_503 = 1.0}}});

  const auto response = walmart_get(item_path(), token);

  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(sandbox_->stats().status_count("walmart.items", 503), 1);
}

TEST_F(FaultsTest, ResetSendsNothing) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"walmart.items", {.reset = 1.0}}});
  // libcurl sends a request again once when a reused connection drops, so
  // this call goes on a new connection.
  testing::HttpTestClient fresh(sandbox_->base_url());

  const auto response = fresh.get(item_path(), {{"WM_SEC.ACCESS_TOKEN", token}});

  EXPECT_EQ(response.status, 0);
  EXPECT_TRUE(response.no_response) << response.transport_error;
  EXPECT_EQ(sandbox_->stats().faults_sent("reset"), 1);
  EXPECT_EQ(sandbox_->stats().status_count("walmart.items", 0), 1);
}

TEST_F(FaultsTest, TimeoutHoldsCall) {
  const std::string token = kroger_token();
  sandbox_->set_faults({{"kroger.products", {.timeout = 1.0, .timeout_ms = std::chrono::minutes(10)}}});
  client_->set_timeout(std::chrono::milliseconds(300));

  const auto response = kroger_get(kroger_path(), token);

  EXPECT_EQ(response.status, 0);
  EXPECT_TRUE(response.timed_out) << response.transport_error;
  EXPECT_EQ(sandbox_->stats().faults_sent("timeout"), 1);
}

TEST_F(FaultsTest, LatencyStillAnswers) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"all", {.latency = 1.0, .latency_ms = std::chrono::milliseconds(30)}}});

  const auto response = walmart_get(item_path(), token);

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(sandbox_->stats().faults_sent("latency"), 1);
}

TEST_F(FaultsTest, MalformedJson) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"all", {.malformed_json = 1.0}}});

  const auto response = walmart_get(item_path(), token);

  EXPECT_EQ(response.status, 200);
  boost::system::error_code error;
  boost::json::parse(response.body, error);
  EXPECT_TRUE(error) << response.body;
  EXPECT_EQ(sandbox_->stats().faults_sent("malformed_json"), 1);
}

TEST_F(FaultsTest, TruncatedJson) {
  const std::string token = kroger_token();
  const auto whole = kroger_get(kroger_path(), token);
  sandbox_->set_faults({{"kroger", {.truncated_json = 1.0}}});

  const auto cut = kroger_get(kroger_path(), token);

  EXPECT_EQ(cut.status, 200);
  EXPECT_EQ(cut.body.size(), whole.body.size() / 2);
  EXPECT_EQ(whole.body.substr(0, cut.body.size()), cut.body);
  EXPECT_EQ(cut.header("content-length"), std::to_string(cut.body.size()));
  boost::system::error_code error;
  boost::json::parse(cut.body, error);
  EXPECT_TRUE(error);
}

TEST_F(FaultsTest, RevokedTokenStaysRevoked) {
  const std::string walmart = walmart_token();
  const std::string kroger = kroger_token();
  sandbox_->set_faults({{"all", {.revoke_token = 1.0}}});

  const auto walmart_revoked = walmart_get(item_path(), walmart);
  const auto kroger_revoked = kroger_get(kroger_path(), kroger);
  sandbox_->clear_faults();
  const auto walmart_after = walmart_get(item_path(), walmart);
  const auto kroger_after = kroger_get(kroger_path(), kroger);
  const auto fresh = walmart_get(item_path(), walmart_token());

  EXPECT_EQ(walmart_revoked.status, 401);
  EXPECT_EQ(kroger_revoked.status, 401);
  EXPECT_EQ(walmart_after.status, 401);
  EXPECT_EQ(kroger_after.status, 401);
  EXPECT_EQ(parse_json(kroger_after.body).at("errors").at("error").as_string(), "invalid_token");
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(sandbox_->stats().faults_sent("revoke_token"), 2);
}

TEST_F(FaultsTest, RateLimitStorm) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"walmart.items", {.rate_limit_storm = 1.0, .storm_retry_after = std::chrono::seconds(7)}}});

  const auto storm = walmart_get(item_path(), token);
  sandbox_->clear_faults();
  const auto after = walmart_get(item_path(), token);

  ASSERT_EQ(storm.status, 429);
  EXPECT_EQ(storm.header("retry-after"), "7");
  EXPECT_EQ(storm.header("x-current-token-count"), "0");
  EXPECT_TRUE(storm.header("x-next-replenishment-time").has_value());
  // The storm spent no quota.
  EXPECT_EQ(after.header("x-current-token-count"), "4999");
  EXPECT_EQ(sandbox_->stats().rate_limited_count("storm"), 1);
}

TEST_F(FaultsTest, DropProduct) {
  const std::string walmart = walmart_token();
  const std::string kroger = kroger_token();
  sandbox_->set_faults({{"all", {.drop_product = 1.0}}});

  const auto walmart_response = walmart_get(two_items_path(), walmart);
  const auto kroger_response = kroger_get(kroger_path(), kroger);

  ASSERT_EQ(walmart_response.status, 200);
  ASSERT_EQ(kroger_response.status, 200);
  EXPECT_EQ(parse_json(walmart_response.body).at("items").as_array().size(), 1U);
  EXPECT_EQ(parse_json(kroger_response.body).at("data").as_array().size(), 1U);
  EXPECT_EQ(sandbox_->stats().faults_sent("drop_product"), 2);
}

TEST_F(FaultsTest, MostSpecificScopeWins) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"all", {.error_500 = 1.0}}, {"walmart.items", {}}});

  const auto items = walmart_get(item_path(), token);
  const auto stores = walmart_get(std::string(kStoresPath) + "?zip=48104", token);

  EXPECT_EQ(items.status, 200);
  EXPECT_EQ(stores.status, 500);
}

TEST_F(FaultsTest, HalfRateHitsSome) {
  const std::string token = walmart_token();
  sandbox_->set_faults({{"walmart.items", {.error_503 = 0.5}}});

  int failed = 0;
  for (int i = 0; i < 40; ++i) {
    failed += walmart_get(item_path(), token).status == 503 ? 1 : 0;
  }

  // The generator is seeded: a share of 0.5 in 40 calls lands well inside (5, 35).
  EXPECT_GT(failed, 5);
  EXPECT_LT(failed, 35);
}

TEST_F(FaultsTest, ControlEndpointSetsAndShows) {
  const auto put = put_faults(R"({"walmart.items": {"error_503": 0.25, "latency": 1, "latency_ms": 20}})");
  const auto post = client_->post("/_sandbox/faults", R"({"kroger": {"reset": 0.1}})");
  const auto shown = client_->get("/_sandbox/faults");

  ASSERT_EQ(put.status, 200) << put.body;
  ASSERT_EQ(post.status, 200) << post.body;
  const auto body = parse_json(shown.body);
  EXPECT_DOUBLE_EQ(body.at("walmart.items").at("error_503").as_double(), 0.25);
  EXPECT_EQ(body.at("walmart.items").at("latency_ms").as_int64(), 20);
  EXPECT_DOUBLE_EQ(body.at("kroger").at("reset").as_double(), 0.1);
  ASSERT_EQ(sandbox_->faults().size(), 2U);

  const auto replaced = put_faults(R"({"all": {"error_500": 0.5}})");
  ASSERT_EQ(replaced.status, 200);
  EXPECT_EQ(sandbox_->faults().size(), 1U);

  const auto cleared = client_->request("DELETE", "/_sandbox/faults", "", {});
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(sandbox_->faults().empty());
}

TEST_F(FaultsTest, ControlEndpointRejectsBadInput) {
  struct Case {
    std::string body;
    std::string mentions;
  };
  const Case cases[] = {
      {R"({"all": {"error_500": 1.5}})", "error_500"},
      {R"({"all": {"error_500": "high"}})", "error_500"},
      {R"({"everywhere": {"reset": 0.1}})", "everywhere"},
      {R"({"all": {"explode": 0.1}})", "explode"},
      {R"({"all": {"error_500": 0.6, "reset": 0.6}})", "more than 1"},
      {R"({"all": {"latency_ms": -5}})", "latency_ms"},
      {R"([1, 2])", "JSON object"},
      {R"({"all": )", "not valid JSON"},
  };

  for (const auto& test : cases) {
    const auto response = put_faults(test.body);
    EXPECT_EQ(response.status, 400) << test.body;
    const auto body = parse_json(response.body);
    EXPECT_NE(std::string(body.at("message").as_string()).find(test.mentions), std::string::npos)
        << test.body << ": " << response.body;
  }
  EXPECT_TRUE(sandbox_->faults().empty());
}

TEST_F(FaultsTest, ControlCallsNotFaulted) {
  sandbox_->set_faults({{"all", {.reset = 1.0}}});

  const auto stats = client_->get("/_sandbox/stats");

  EXPECT_EQ(stats.status, 200);
}

}  // namespace
}  // namespace wic::sandbox
