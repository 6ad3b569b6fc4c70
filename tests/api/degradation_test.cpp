// The API over the real refresher and the retailer sandbox with its faults
// on: a failing retailer yields `unknown` or the last known answer marked
// stale, never an error, and a retailer that keeps failing is skipped.

#include <gtest/gtest.h>

#include "api_fixture.h"
#include "retailers/environment.h"
#include "sandbox/sandbox_server.h"
#include "sync/sync_services.h"

namespace wic::api {
namespace {

using std::chrono::minutes;
using namespace wic::testing;

constexpr std::size_t kKrogerStores = 3;
constexpr std::size_t kFormulaProducts = 4;

std::shared_ptr<const sandbox::SandboxCatalog> shared_catalog() {
  static const auto catalog = [] {
    auto loaded =
        sandbox::SandboxCatalog::load(sandbox::CatalogFiles::in_directory(sandbox::default_data_directory()));
    if (!loaded) {
      throw std::runtime_error(loaded.error().message);
    }
    return *loaded;
  }();
  return catalog;
}

std::string expected_status(const std::optional<std::string>& stock_level) {
  if (!stock_level) {
    return "unknown";
  }
  if (*stock_level == "HIGH") {
    return "in_stock";
  }
  if (*stock_level == "LOW") {
    return "low_stock";
  }
  return "out_of_stock";
}

class DegradationTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sandbox::SandboxConfig config;
    config.clock = clock;
    config.catalog = shared_catalog();
    sandbox = std::make_unique<sandbox::SandboxServer>(std::move(config));
    import_sandbox_catalog();

    sync::SyncServiceOptions options;
    options.on_written = [this](const std::vector<storage::InventoryRecord>& records) {
      if (service) {
        service->on_records_written(records);
      }
    };
    auto built = sync::make_sync_services(
        retailers::Environment::from_map({{"WIC_SANDBOX_URL", sandbox->base_url()}, {"WIC_HTTP_MAX_ATTEMPTS", "1"}}),
        storage, clock, options);
    ASSERT_TRUE(built.ok()) << built.error().message;
    services = std::move(built).value();
    start(services->refresher);
  }

  void TearDown() override {
    stop();
    if (services) {
      services->engine->stop();
    }
    services.reset();
    sandbox.reset();
    ApiTest::TearDown();
  }

  void import_sandbox_catalog() {
    std::vector<storage::Product> products;
    for (const auto& item : shared_catalog()->products()) {
      if (item.infant_formula && products.size() < kFormulaProducts) {
        products.push_back(storage::Product{item.gtin, item.brand, item.description, item.category,
                                            item.subcategory, item.size, "", {"MI"}, true});
        formula.push_back(item.gtin);
      }
    }
    storage->upsert_products(products);

    std::vector<storage::Store> stores;
    for (const auto& item : shared_catalog()->kroger_stores()) {
      if (stores.size() == kKrogerStores) {
        break;
      }
      stores.push_back(storage::Store{*StoreId::make(Retailer::kKroger, item.location_id), item.name, item.address,
                                      item.city, item.state, item.zip, item.location});
      kroger_stores.push_back(stores.back().id);
    }
    storage->upsert_stores(stores);
  }

  std::string item_path(const StoreId& store, const Gtin& gtin, bool fresh) {
    return "/api/v1/inventory/store/" + store.str() + "/product/" + gtin.display() + (fresh ? "?fresh=true" : "");
  }

  boost::json::value kroger_health() {
    const auto health = client->get("/healthz");
    const auto body = json(health);
    for (const auto& retailer : body.at("retailers").as_array()) {
      if (retailer.at("retailer") == "kroger") {
        return retailer;
      }
    }
    ADD_FAILURE() << "no kroger health in " << health.body;
    return {};
  }

  void set_kroger_faults(sandbox::FaultRates rates) { sandbox->set_faults({{"kroger.products", rates}}); }

  std::unique_ptr<sandbox::SandboxServer> sandbox;
  std::optional<sync::SyncServices> services;
  std::vector<Gtin> formula;
  std::vector<StoreId> kroger_stores;
};

TEST_F(DegradationTest, HealthyRetailerGivesFreshAnswer) {
  const StoreId store = kroger_stores[0];
  const Gtin gtin = formula[0];

  const auto response = client->get(item_path(store, gtin, true));

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json(response).at("stale"), false);
  EXPECT_EQ(json(response).at("source"), "api");
  EXPECT_EQ(std::string_view(json(response).at("status").as_string()),
            expected_status(sandbox->kroger_stock_level(store.local_id(), gtin)));
  EXPECT_EQ(kroger_health().at("simulated"), true);
  EXPECT_GE(kroger_health().at("callsOk").as_int64(), 1);
}

struct FaultCase {
  std::string name;
  sandbox::FaultRates rates;
};

class DegradationFaultTest : public DegradationTest, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(DegradationFaultTest, FaultGivesUnknownNotError) {
  set_kroger_faults(GetParam().rates);

  const auto response = client->get(item_path(kroger_stores[0], formula[0], true));

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json(response).at("status"), "unknown");
  EXPECT_TRUE(json(response).at("lastUpdated").is_null());
  EXPECT_GT(sandbox->stats().faults_sent(GetParam().name), 0) << "fault never injected";
  EXPECT_GE(kroger_health().at("callsFailed").as_int64() + kroger_health().at("callsRateLimited").as_int64(), 1);
}

TEST_P(DegradationFaultTest, FaultKeepsLastKnownAnswerMarkedStale) {
  const StoreId store = kroger_stores[1];
  const Gtin gtin = formula[1];
  const auto first = client->get(item_path(store, gtin, true));
  ASSERT_EQ(json(first).at("stale"), false);

  clock->advance(minutes{20});
  set_kroger_faults(GetParam().rates);
  const auto later = client->get(item_path(store, gtin, true));

  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(json(later).at("stale"), true);
  EXPECT_EQ(json(later).at("status"), json(first).at("status"));
  EXPECT_EQ(json(later).at("lastUpdated"), json(first).at("lastUpdated"));
  EXPECT_EQ(json(later).at("ageSeconds"), 20 * 60);
}

INSTANTIATE_TEST_SUITE_P(SandboxFaults, DegradationFaultTest,
                         ::testing::Values(FaultCase{"error_500", {.error_500 = 1}},
                                           FaultCase{"error_503", {.error_503 = 1}},
                                           FaultCase{"reset", {.reset = 1}},
                                           FaultCase{"rate_limit_storm", {.rate_limit_storm = 1}},
                                           FaultCase{"malformed_json", {.malformed_json = 1}},
                                           FaultCase{"truncated_json", {.truncated_json = 1}}),
                         [](const auto& info) { return info.param.name; });

TEST_F(DegradationTest, FailingRetailerIsSkippedThenRetried) {
  set_kroger_faults({.error_500 = 1});

  // Each item is a separate refresh; five consecutive failures open the
  // breaker.
  for (const auto& store : kroger_stores) {
    for (const auto& gtin : formula) {
      ASSERT_EQ(client->get(item_path(store, gtin, true)).status, 200);
    }
  }
  EXPECT_EQ(kroger_health().at("breaker"), "open");
  const auto refreshes = json(client->get("/api/v1/inventory/stats")).at("refreshes");
  EXPECT_GT(refreshes.at("skipped").as_int64(), 0) << "requests after the breaker opened asked no refresh";
  EXPECT_EQ(refreshes.at("started").as_int64(), 5);

  // After the open period one trial call goes through and, with the
  // retailer healthy again, closes the breaker.
  sandbox->clear_faults();
  clock->advance(minutes{3});
  const auto recovered = client->get(item_path(kroger_stores[0], formula[0], true));
  ASSERT_EQ(recovered.status, 200);
  EXPECT_EQ(json(recovered).at("stale"), false);
  EXPECT_EQ(kroger_health().at("breaker"), "closed");
}

TEST_F(DegradationTest, MetricsCountUpstreamCallsByOutcome) {
  client->get(item_path(kroger_stores[0], formula[0], true));
  set_kroger_faults({.error_500 = 1});
  client->get(item_path(kroger_stores[0], formula[1], true));

  const auto metrics = client->get("/metrics").body;

  EXPECT_NE(metrics.find("wic_upstream_calls_total{retailer=\"kroger\",outcome=\"ok\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("wic_upstream_calls_total{retailer=\"kroger\",outcome=\"failed\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("wic_upstream_quota_remaining{retailer=\"kroger\"}"), std::string::npos);
  EXPECT_NE(metrics.find("wic_refreshes_total{outcome=\"succeeded\"} 1"), std::string::npos);
}

}  // namespace
}  // namespace wic::api
