#include "inventory/inventory_service.h"

#include <gtest/gtest.h>

#include <thread>

#include "inventory_fixture.h"
#include "scripted_refresher.h"

namespace wic::inventory {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using namespace wic::testing;

class InventoryServiceTest : public InventoryTest {
 protected:
  void SetUp() override {
    InventoryTest::SetUp();
    refresher = std::make_shared<ScriptedRefresher>(*storage, clock);
  }

  InventoryService& service(InventoryOptions options = {}) {
    service_ = std::make_unique<InventoryService>(*storage, refresher, clock, options);
    return *service_;
  }

  void TearDown() override {
    if (refresher) {
      refresher->open_gate();
    }
    service_.reset();
    InventoryTest::TearDown();
  }

  std::shared_ptr<ScriptedRefresher> refresher;

 private:
  std::unique_ptr<InventoryService> service_;
};

TEST_F(InventoryServiceTest, FreshRecordServedFromCache) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kLowStock, minutes{5});
  auto& inventory = service();

  const auto first = inventory.get(kKrogerDetroit, kSimilacAlimentum);
  const auto second = inventory.get(kKrogerDetroit, kSimilacAlimentum);

  EXPECT_EQ(first.status, StockStatus::kLowStock);
  EXPECT_FALSE(first.stale);
  EXPECT_EQ(second.status, StockStatus::kLowStock);
  EXPECT_EQ(inventory.stats().cache_misses, 1);
  EXPECT_EQ(inventory.stats().cache_hits, 1);
  inventory.shutdown();
  EXPECT_EQ(refresher->calls(), 0) << "fresh data needs no refresh";
}

TEST_F(InventoryServiceTest, TimeToLiveDependsOnProductClass) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  write_record(kKrogerDetroit, kTwoPercentMilk, StockStatus::kInStock, minutes{20});
  refresher->set_can_call(false);
  auto& inventory = service();

  EXPECT_TRUE(inventory.get(kKrogerDetroit, kSimilacAlimentum).stale) << "formula lives 15 minutes";
  EXPECT_FALSE(inventory.get(kKrogerDetroit, kTwoPercentMilk).stale) << "other products live 30 minutes";
}

TEST_F(InventoryServiceTest, StaleRecordServedWhileRefreshRuns) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->set_status(StockStatus::kOutOfStock);
  auto& inventory = service();

  const auto stale = inventory.get(kKrogerDetroit, kSimilacAlimentum);
  EXPECT_TRUE(stale.stale);
  EXPECT_EQ(stale.status, StockStatus::kInStock);
  EXPECT_EQ(stale.age_seconds, 20 * 60);
  EXPECT_EQ(stale.confidence, 60) << "80 scaled by 15/20";

  inventory.shutdown();  // waits for the background refresh
  EXPECT_EQ(refresher->calls(), 1);
  const auto refreshed = inventory.get(kKrogerDetroit, kSimilacAlimentum);
  EXPECT_FALSE(refreshed.stale);
  EXPECT_EQ(refreshed.status, StockStatus::kOutOfStock);
  EXPECT_EQ(refreshed.aisle, "A7");
}

TEST_F(InventoryServiceTest, OneRefreshPerItemUnderConcurrentRequests) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->close_gate();
  auto& inventory = service();

  constexpr int kThreads = 8;
  constexpr int kRequestsPerThread = 50;
  std::vector<std::thread> threads;
  std::atomic<int> stale_answers{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kRequestsPerThread; ++i) {
        if (inventory.get(kKrogerDetroit, kSimilacAlimentum).stale) {
          stale_answers.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  refresher->wait_for_waiting(1);
  refresher->open_gate();
  inventory.shutdown();

  EXPECT_EQ(refresher->calls(), 1);
  EXPECT_EQ(stale_answers.load(), kThreads * kRequestsPerThread) << "every request answered at once, stale";
  EXPECT_EQ(inventory.stats().refreshes.started, 1);
}

TEST_F(InventoryServiceTest, FreshRequestWaitsForRefresh) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->set_status(StockStatus::kLowStock);
  auto& inventory = service();

  const auto answer = inventory.get(kKrogerDetroit, kSimilacAlimentum, true);

  EXPECT_FALSE(answer.stale);
  EXPECT_EQ(answer.status, StockStatus::kLowStock);
  EXPECT_EQ(answer.quantity, 12);
  EXPECT_EQ(inventory.stats().fresh_waits, 1);
  EXPECT_EQ(inventory.stats().fresh_timeouts, 0);
}

TEST_F(InventoryServiceTest, FreshRequestGivesUpAtDeadline) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->close_gate();
  InventoryOptions options;
  options.fresh_deadline = std::chrono::milliseconds{20};
  auto& inventory = service(options);

  const auto answer = inventory.get(kKrogerDetroit, kSimilacAlimentum, true);

  EXPECT_TRUE(answer.stale) << "the refresh is held, so the deadline passes";
  EXPECT_EQ(answer.status, StockStatus::kInStock);
  EXPECT_EQ(inventory.stats().fresh_timeouts, 1);
  refresher->open_gate();
}

TEST_F(InventoryServiceTest, FailedRefreshKeepsLastKnownAnswer) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->set_failing(true);
  auto& inventory = service();

  const auto answer = inventory.get(kKrogerDetroit, kSimilacAlimentum, true);

  EXPECT_TRUE(answer.stale);
  EXPECT_EQ(answer.status, StockStatus::kInStock);
  EXPECT_EQ(answer.source, DataSource::kApi);
  EXPECT_EQ(inventory.stats().refreshes.failed, 1);
}

TEST_F(InventoryServiceTest, FailedRefreshWithoutDataIsUnknown) {
  refresher->set_failing(true);
  auto& inventory = service();

  const auto answer = inventory.get(kKrogerAnnArbor, kEnfamilEnfaCare, true);

  EXPECT_EQ(answer.status, StockStatus::kUnknown);
  EXPECT_TRUE(answer.stale);
  EXPECT_FALSE(answer.last_updated.has_value());
}

TEST_F(InventoryServiceTest, NoRefreshWhenRetailerMayNotBeCalled) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{20});
  refresher->set_can_call(false);
  auto& inventory = service();

  const auto answer = inventory.get(kKrogerDetroit, kSimilacAlimentum, true);

  EXPECT_TRUE(answer.stale);
  inventory.shutdown();
  EXPECT_EQ(refresher->calls(), 0);
  EXPECT_EQ(inventory.stats().refreshes.skipped, 1);
}

TEST_F(InventoryServiceTest, ItemNotRefreshedAgainWithinRetryInterval) {
  refresher->set_failing(true);
  auto& inventory = service();

  inventory.get(kKrogerDetroit, kSimilacAlimentum, true);
  clock->advance(minutes{1});
  inventory.get(kKrogerDetroit, kSimilacAlimentum, true);
  EXPECT_EQ(refresher->calls(), 1) << "a failing retailer is not asked on every request";

  clock->advance(minutes{2});
  inventory.get(kKrogerDetroit, kSimilacAlimentum, true);
  EXPECT_EQ(refresher->calls(), 2) << "and is asked again after the retry interval";
  EXPECT_EQ(inventory.stats().refreshes.throttled, 1);
}

TEST_F(InventoryServiceTest, StaleEntryRereadsStorageBeforeRefreshing) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{10});
  refresher->set_can_call(false);
  auto& inventory = service();
  EXPECT_FALSE(inventory.get(kKrogerDetroit, kSimilacAlimentum).stale);

  // Another process refreshes the item while this one holds it in memory.
  clock->advance(minutes{10});
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kOutOfStock, Duration::zero());
  const auto answer = inventory.get(kKrogerDetroit, kSimilacAlimentum);

  EXPECT_FALSE(answer.stale);
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
  EXPECT_EQ(inventory.stats().storage_rereads, 1);
  EXPECT_EQ(inventory.stats().refreshes.skipped, 0) << "no refresh was needed";
}

TEST_F(InventoryServiceTest, RecordsWrittenInProcessReachCache) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  auto& inventory = service();
  EXPECT_EQ(inventory.get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kInStock);

  const storage::InventoryRecord written{kKrogerDetroit, kSimilacAlimentum, StockStatus::kOutOfStock,
                                         std::nullopt,   std::nullopt,      std::nullopt,
                                         clock->system_now(), DataSource::kApi, 80, 0};
  storage->write_inventory({written});
  inventory.on_records_written({written});

  EXPECT_EQ(inventory.get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kOutOfStock);
  EXPECT_EQ(inventory.stats().cache_misses, 1) << "answered from the updated cache entry";
}

TEST_F(InventoryServiceTest, CacheStaysWithinCapacity) {
  InventoryOptions options;
  options.cache_capacity = 16;  // one entry per shard
  refresher->set_can_call(false);
  auto& inventory = service(options);

  for (const auto& store : {kKrogerDetroit, kKrogerAnnArbor, kWalmartLansing}) {
    for (const auto& gtin : {kSimilacAlimentum, kEnfamilEnfaCare, kTwoPercentMilk}) {
      inventory.get(store, gtin);
    }
  }
  EXPECT_LE(inventory.stats().cache_entries, 16);
  EXPECT_EQ(inventory.stats().cache_entries + inventory.stats().cache_evictions, 9);
}

TEST_F(InventoryServiceTest, ReportIsStoredAndCombined) {
  write_record(kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, minutes{1}, 40);
  auto& inventory = service();

  const auto outcome = inventory.report(ReportRequest{kWalmartLansing, kSimilacAlimentum, StockStatus::kOutOfStock,
                                                      QuantityRange::kFew, std::string("A3"),
                                                      std::string("shopper-7"), "10.0.0.1"});

  ASSERT_TRUE(outcome.accepted);
  EXPECT_GT(outcome.report_id, 0);
  EXPECT_EQ(outcome.answer->status, StockStatus::kOutOfStock) << "identified report beats online stock";
  EXPECT_EQ(outcome.answer->source, DataSource::kCrowdsourced);
  const auto logged = storage->reports_since(kWalmartLansing, kSimilacAlimentum, SystemTime{});
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_EQ(logged[0].user_id, "shopper-7");
  EXPECT_EQ(logged[0].client_key, "10.0.0.1");
  const auto stored = storage->find_inventory(kWalmartLansing, kSimilacAlimentum);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->source, DataSource::kCrowdsourced);
  EXPECT_EQ(inventory.get(kWalmartLansing, kSimilacAlimentum).status, StockStatus::kOutOfStock);
}

// A much-reported item costs the same to read after a restart as before:
// only the newest reports are loaded, as the report intake keeps them.
TEST_F(InventoryServiceTest, ItemLoadKeepsNewestReports) {
  write_record(kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, minutes{1}, 80);
  const auto record = storage->find_inventory(kWalmartLansing, kSimilacAlimentum);
  ASSERT_TRUE(record.has_value());
  for (std::size_t i = 0; i < kMaxReportsKept + 50; ++i) {
    storage::InventoryReport report{0,          kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock,
                                    std::nullopt, std::nullopt,  std::nullopt,      "10.0.0.1",
                                    clock->system_now()};
    storage->add_report(report, *record);
    clock->advance(seconds{1});
  }

  const auto answer = service().get(kWalmartLansing, kSimilacAlimentum);

  EXPECT_EQ(answer.report_count, static_cast<int>(kMaxReportsKept));
}

// The combined answer of a reported item is kept for a second, but never
// past a new report.
TEST_F(InventoryServiceTest, NewReportShowsInSameSecond) {
  write_record(kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, minutes{1}, 80);
  auto& inventory = service();
  const auto report = [&](const char* user) {
    return inventory.report(ReportRequest{kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, std::nullopt,
                                          std::nullopt, std::string(user), "10.0.0.1"});
  };

  ASSERT_TRUE(report("shopper-1").accepted);
  const int first = inventory.get(kWalmartLansing, kSimilacAlimentum).report_count;
  ASSERT_TRUE(report("shopper-2").accepted);
  const int second = inventory.get(kWalmartLansing, kSimilacAlimentum).report_count;

  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
}

TEST_F(InventoryServiceTest, ReportsLimitedPerClient) {
  InventoryOptions options;
  options.report_limit.burst = 2;
  options.report_limit.reports_per_hour = 6;  // one every 10 minutes
  auto& inventory = service(options);
  const ReportRequest request{kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, std::nullopt, std::nullopt,
                              std::nullopt,   "10.0.0.2"};

  EXPECT_TRUE(inventory.report(request).accepted);
  EXPECT_TRUE(inventory.report(request).accepted);
  const auto rejected = inventory.report(request);
  EXPECT_FALSE(rejected.accepted);
  EXPECT_GT(rejected.retry_after, Duration::zero());
  EXPECT_LE(rejected.retry_after, minutes{10} + seconds{1});

  auto other_client = request;
  other_client.client_key = "10.0.0.3";
  EXPECT_TRUE(inventory.report(other_client).accepted) << "limits are per client";

  clock->advance(minutes{10});
  EXPECT_TRUE(inventory.report(request).accepted) << "a token refilled";
  EXPECT_EQ(inventory.stats().reports_rate_limited, 1);
  EXPECT_EQ(storage->reports_since(kKrogerDetroit, kSimilacAlimentum, SystemTime{}).size(), 4u);
}

TEST_F(InventoryServiceTest, ShelfPagesAndFilters) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  write_record(kKrogerDetroit, kEnfamilEnfaCare, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerDetroit, kTwoPercentMilk, StockStatus::kInStock, minutes{1});
  auto& inventory = service();

  ShelfQuery formula;
  formula.formula_only = true;
  const auto formula_page = inventory.shelf(kKrogerDetroit, formula);
  EXPECT_EQ(formula_page.total, 2);
  EXPECT_EQ(formula_page.items.size(), 2u);

  ShelfQuery paged;
  paged.limit = 1;
  paged.offset = 1;
  const auto page = inventory.shelf(kKrogerDetroit, paged);
  EXPECT_EQ(page.total, 3);
  EXPECT_EQ(page.items.size(), 1u);

  ShelfQuery in_stock;
  in_stock.status = StockStatus::kInStock;
  EXPECT_EQ(inventory.shelf(kKrogerDetroit, in_stock).total, 2);
}

TEST_F(InventoryServiceTest, NearbyListsInStockFirstThenByDistance) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kOutOfStock, minutes{1});
  write_record(kKrogerAnnArbor, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  write_record(kWalmartLansing, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  auto& inventory = service();

  const GeoPoint detroit{42.3314, -83.0458};
  const auto result = inventory.nearby(NearbyQuery{kSimilacAlimentum, detroit, 100, 10});

  ASSERT_EQ(result.stores.size(), 3u);
  EXPECT_EQ(result.stores[0].store.id, kKrogerAnnArbor);
  EXPECT_EQ(result.stores[1].store.id, kWalmartLansing);
  EXPECT_EQ(result.stores[2].store.id, kKrogerDetroit) << "out of stock last, though nearest";
  EXPECT_NEAR(result.stores[2].distance_miles, 0, 0.01);

  const auto close = inventory.nearby(NearbyQuery{kSimilacAlimentum, detroit, 50, 10});
  EXPECT_EQ(close.total, 2u) << "Lansing is about 80 miles from Detroit";
}

}  // namespace
}  // namespace wic::inventory
