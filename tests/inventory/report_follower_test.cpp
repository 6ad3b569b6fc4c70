// Two inventory services on one database, as two API replicas: the report
// follower makes a report taken by one show in the other's answers. Runs on
// a real SQLite file and, when WIC_TEST_POSTGRES_URL is set, on PostgreSQL.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "inventory/inventory_service.h"
#include "inventory/report_follower.h"
#include "storage_fixture.h"

namespace wic::inventory {
namespace {

using std::chrono::seconds;

const Gtin kSimilacAlimentum = *Gtin::parse("070074575131");
const Gtin kEnfamilEnfaCare = *Gtin::parse("300870019448");
const StoreId kKrogerDetroit = *StoreId::parse("kroger-01800512");
const StoreId kWalmartLansing = *StoreId::parse("walmart-1001");

class ReportFollowerTest : public wic::testing::StorageBackendTest {
 protected:
  void SetUp() override {
    StorageBackendTest::SetUp();
    if (IsSkipped()) {
      return;
    }
    seed();
    // Each replica opens the database for itself, as a process would.
    storage_a_ = storage::open_storage(path());
    storage_b_ = storage::open_storage(path());
    replica_a_ = std::make_unique<InventoryService>(*storage_a_, nullptr, clock);
    replica_b_ = std::make_unique<InventoryService>(*storage_b_, nullptr, clock);
  }

  void TearDown() override {
    replica_a_.reset();
    replica_b_.reset();
    storage_a_.reset();
    storage_b_.reset();
    StorageBackendTest::TearDown();
  }

  InventoryService& replica_a() { return *replica_a_; }
  InventoryService& replica_b() { return *replica_b_; }
  storage::Storage& storage_b() { return *storage_b_; }

  // A fresh retailer record, in stock, at the confidence of Walmart's
  // online stock.
  void write_in_stock(const StoreId& store, const Gtin& gtin) {
    storage().write_inventory({storage::InventoryRecord{store, gtin, StockStatus::kInStock, std::nullopt,
                                                        std::nullopt, std::nullopt, clock->system_now(),
                                                        DataSource::kApi, 40, 0}});
  }

  // An identified shopper's report that the product is gone, which
  // overrides a fresh record of confidence 40.
  static ReportRequest out_of_stock(const StoreId& store, const Gtin& gtin, const std::string& client) {
    return ReportRequest{store, gtin, StockStatus::kOutOfStock, std::nullopt, std::nullopt,
                         std::string("shopper-") + client, client};
  }

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  ReportFollowerOptions options;

 private:
  void seed() {
    storage().upsert_products({
        storage::Product{kSimilacAlimentum, "Alimentum", "Ready to Feed", "infant_food",
                         "Similac Alimentum 32 oz RTF", "32", "OZ", {"MI"}, true},
        storage::Product{kEnfamilEnfaCare, "EnfaCare", "Powder", "infant_food", "Enfamil Enfacare", "", "", {"MI"},
                         true},
    });
    storage().upsert_stores({
        storage::Store{kKrogerDetroit, "Kroger", "1 Woodward Ave", "Detroit", "MI", "48226", {42.3314, -83.0458}},
        storage::Store{kWalmartLansing, "Walmart Supercenter", "3 Saginaw St", "Lansing", "MI", "48906",
                       {42.7325, -84.5555}},
    });
  }

  std::unique_ptr<storage::Storage> storage_a_;
  std::unique_ptr<storage::Storage> storage_b_;
  std::unique_ptr<InventoryService> replica_a_;
  std::unique_ptr<InventoryService> replica_b_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReportFollowerTest, ::testing::ValuesIn(wic::testing::storage_backends()),
                         [](const auto& info) { return info.param; });

TEST_P(ReportFollowerTest, OtherReplicasReportShownAfterOneInterval) {
  write_in_stock(kKrogerDetroit, kSimilacAlimentum);
  ReportFollower follower(storage_b(), replica_b(), clock, options);
  ASSERT_EQ(replica_b().get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kInStock);
  ASSERT_TRUE(follower.poll()) << "the first poll reads at once";

  const auto outcome = replica_a().report(out_of_stock(kKrogerDetroit, kSimilacAlimentum, "10.0.0.1"));
  ASSERT_TRUE(outcome.accepted);
  ASSERT_EQ(outcome.answer->status, StockStatus::kOutOfStock);

  clock->advance(options.interval - std::chrono::milliseconds{1});
  EXPECT_FALSE(follower.poll()) << "no read before the interval has passed";
  const ItemAnswer before = replica_b().get(kKrogerDetroit, kSimilacAlimentum);
  EXPECT_EQ(before.status, StockStatus::kInStock) << "replica B still serves its cached entry";
  EXPECT_EQ(before.report_count, 0);

  clock->advance(std::chrono::milliseconds{1});
  EXPECT_TRUE(follower.poll());
  const ItemAnswer after = replica_b().get(kKrogerDetroit, kSimilacAlimentum);
  EXPECT_EQ(after.status, StockStatus::kOutOfStock);
  EXPECT_EQ(after.report_count, 1);
  EXPECT_EQ(after.source, DataSource::kCrowdsourced);
  EXPECT_EQ(follower.cursor(), outcome.report_id);
  EXPECT_EQ(follower.reports_applied(), 1);
}

TEST_P(ReportFollowerTest, StartsAfterNewestReport) {
  write_in_stock(kKrogerDetroit, kSimilacAlimentum);
  const auto earlier = replica_a().report(out_of_stock(kKrogerDetroit, kSimilacAlimentum, "10.0.0.1"));
  ASSERT_TRUE(earlier.accepted);

  ReportFollower follower(storage_b(), replica_b(), clock, options);

  EXPECT_EQ(follower.cursor(), earlier.report_id);
  EXPECT_TRUE(follower.poll());
  EXPECT_EQ(follower.reports_applied(), 0) << "reports older than the follower are already in storage";
  EXPECT_EQ(replica_b().get(kKrogerDetroit, kSimilacAlimentum).report_count, 1) << "read from storage";
}

TEST_P(ReportFollowerTest, CatchesUpOverSeveralPages) {
  options.page_size = 2;
  ReportFollower follower(storage_b(), replica_b(), clock, options);
  for (const auto& store : {kKrogerDetroit, kWalmartLansing}) {
    for (const auto& gtin : {kSimilacAlimentum, kEnfamilEnfaCare}) {
      write_in_stock(store, gtin);
      ASSERT_EQ(replica_b().get(store, gtin).status, StockStatus::kInStock);
    }
  }
  std::int64_t last_id = 0;
  int client = 0;
  for (const auto& store : {kKrogerDetroit, kWalmartLansing}) {
    for (const auto& gtin : {kSimilacAlimentum, kEnfamilEnfaCare}) {
      const auto outcome = replica_a().report(out_of_stock(store, gtin, "10.0.0." + std::to_string(++client)));
      ASSERT_TRUE(outcome.accepted);
      last_id = outcome.report_id;
    }
  }

  EXPECT_TRUE(follower.poll());

  EXPECT_EQ(follower.reports_applied(), 4);
  EXPECT_EQ(follower.cursor(), last_id);
  for (const auto& store : {kKrogerDetroit, kWalmartLansing}) {
    for (const auto& gtin : {kSimilacAlimentum, kEnfamilEnfaCare}) {
      EXPECT_EQ(replica_b().get(store, gtin).status, StockStatus::kOutOfStock) << store.str() << " " << gtin.gtin14();
    }
  }
}

TEST_P(ReportFollowerTest, OwnReportAppliedTwiceCountsOnce) {
  write_in_stock(kKrogerDetroit, kSimilacAlimentum);
  ReportFollower follower(storage(), replica_a(), clock, options);
  const auto outcome = replica_a().report(out_of_stock(kKrogerDetroit, kSimilacAlimentum, "10.0.0.1"));
  ASSERT_TRUE(outcome.accepted);

  EXPECT_TRUE(follower.poll());

  EXPECT_EQ(follower.reports_applied(), 1);
  const ItemAnswer answer = replica_a().get(kKrogerDetroit, kSimilacAlimentum);
  EXPECT_EQ(answer.report_count, 1);
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
}

TEST_P(ReportFollowerTest, ThreadAppliesReportsUntilStopped) {
  write_in_stock(kKrogerDetroit, kSimilacAlimentum);
  ReportFollower follower(storage_b(), replica_b(), clock, options);
  ASSERT_EQ(replica_b().get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kInStock);
  follower.start();

  ASSERT_TRUE(replica_a().report(out_of_stock(kKrogerDetroit, kSimilacAlimentum, "10.0.0.1")).accepted);
  // The thread sleeps on the manual clock, which moves the clock forward, so
  // the report arrives after a few loops. The real-time bound only guards
  // against a hang.
  const auto give_up_at = std::chrono::steady_clock::now() + seconds{30};
  while (follower.reports_applied() < 1 && std::chrono::steady_clock::now() < give_up_at) {
    std::this_thread::yield();
  }
  follower.stop();

  EXPECT_EQ(follower.reports_applied(), 1);
  EXPECT_EQ(replica_b().get(kKrogerDetroit, kSimilacAlimentum).status, StockStatus::kOutOfStock);
}

}  // namespace
}  // namespace wic::inventory
