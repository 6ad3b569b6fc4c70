#include "sandbox/stock_model.h"

#include <map>

#include "sandbox/wire.h"
#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

const SystemTime kMonday = *parse_utc("2025-03-03T12:00:00Z");

TEST(StockModel, SameSeedSameTimeSameStock) {
  const StockModel first(42);
  const StockModel second(42);
  const auto& products = shared_catalog()->products();

  for (std::size_t i = 0; i < products.size(); i += 97) {
    const SystemTime at = kMonday + std::chrono::minutes(37 * static_cast<int>(i));
    EXPECT_EQ(first.walmart_online(products[i], at), second.walmart_online(products[i], at));
    EXPECT_EQ(first.kroger_shelf("90000101", products[i], at), second.kroger_shelf("90000101", products[i], at));
  }
}

TEST(StockModel, OtherSeedOtherStock) {
  const StockModel first(1);
  const StockModel second(2);
  const auto& products = shared_catalog()->products();

  int differences = 0;
  for (std::size_t i = 0; i < products.size(); i += 10) {
    differences += first.walmart_online(products[i], kMonday) != second.walmart_online(products[i], kMonday) ? 1 : 0;
  }

  EXPECT_GT(differences, 10);
}

TEST(StockModel, SellsOutAndRestocks) {
  const StockModel model(7);
  const SandboxProduct& formula = a_formula();

  std::map<StockLevel, int> seen;
  int restocks = 0;
  StockLevel previous = model.walmart_online(formula, kMonday);
  for (int hour = 1; hour <= 24 * 60; ++hour) {
    const StockLevel level = model.walmart_online(formula, kMonday + std::chrono::hours(hour));
    ++seen[level];
    restocks += previous != StockLevel::kPlenty && level == StockLevel::kPlenty ? 1 : 0;
    previous = level;
  }

  // Over 60 simulated days the product passes every level many times.
  EXPECT_GT(seen[StockLevel::kPlenty], 0);
  EXPECT_GT(seen[StockLevel::kLimited], 0);
  EXPECT_GT(seen[StockLevel::kLastFew], 0);
  EXPECT_GT(seen[StockLevel::kOut], 0);
  EXPECT_GT(restocks, 10);
}

TEST(StockModel, FormulaScarcerThanOtherFoods) {
  const StockModel model(3);
  int formula_out = 0;
  int formula_total = 0;
  int other_out = 0;
  int other_total = 0;

  for (const auto& product : shared_catalog()->products()) {
    for (int day = 0; day < 10; ++day) {
      const bool out = model.walmart_online(product, kMonday + std::chrono::hours(24 * day + 5)) == StockLevel::kOut;
      (product.infant_formula ? formula_out : other_out) += out ? 1 : 0;
      (product.infant_formula ? formula_total : other_total) += 1;
    }
  }

  ASSERT_GT(formula_total, 0);
  const double formula_share = static_cast<double>(formula_out) / formula_total;
  const double other_share = static_cast<double>(other_out) / other_total;
  EXPECT_GT(formula_share, 2 * other_share) << formula_share << " vs " << other_share;
}

TEST(StockModel, KrogerStoresDiffer) {
  const StockModel model(5);
  const auto& products = shared_catalog()->products();

  int differences = 0;
  for (std::size_t i = 0; i < products.size(); i += 10) {
    differences += model.kroger_shelf("90000101", products[i], kMonday) !=
                           model.kroger_shelf("90000102", products[i], kMonday)
                       ? 1
                       : 0;
  }

  EXPECT_GT(differences, 10);
}

TEST(StockModel, KrogerLevelNames) {
  EXPECT_EQ(kroger_stock_level(StockLevel::kPlenty), "HIGH");
  EXPECT_EQ(kroger_stock_level(StockLevel::kLimited), "LOW");
  EXPECT_EQ(kroger_stock_level(StockLevel::kLastFew), "LOW");
  EXPECT_EQ(kroger_stock_level(StockLevel::kOut), "TEMPORARILY_OUT_OF_STOCK");
  EXPECT_EQ(walmart_stock_text(StockLevel::kLastFew), "Last few items");
}

// Two sandboxes with the same seed, asked in opposite orders at the same
// simulated time, return the same stock over HTTP.
TEST(StockOverHttp, SameSeedSameAnswerAnyOrder) {
  const auto& products = shared_catalog()->products();
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < 20; ++i) {
    ids.push_back(products[i * 311].walmart_item_id);
  }

  std::map<std::string, std::string> answers[2];
  for (int run = 0; run < 2; ++run) {
    auto clock = std::make_shared<ManualClock>(kMonday);
    SandboxServer sandbox(test_config(clock, 99));
    testing::HttpTestClient client(sandbox.base_url());
    clock->advance(std::chrono::hours(30));
    const auto token_response = client.post("/v3/token", "grant_type=client_credentials",
                                            {{"Authorization", testing::basic_auth("sandbox-client", "sandbox-secret")},
                                             {"WM_SVC.NAME", "test"},
                                             {"WM_QOS.CORRELATION_ID", "1"}});
    const std::string token(parse_json(token_response.body).at("access_token").as_string());

    std::vector<std::string> order = ids;
    if (run == 1) {
      std::reverse(order.begin(), order.end());
    }
    for (const auto& id : order) {
      const auto response = client.get(std::string(kItemsPath) + "?ids=" + id, {{"WM_SEC.ACCESS_TOKEN", token}});
      ASSERT_EQ(response.status, 200) << response.body;
      answers[run][id] = std::string(parse_json(response.body).at("items").at(0).at("stock").as_string());
    }
  }

  EXPECT_EQ(answers[0], answers[1]);
}

}  // namespace
}  // namespace wic::sandbox
