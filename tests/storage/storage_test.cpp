#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "storage/postgres_connection.h"
#include "storage/storage.h"
#include "storage_fixture.h"

namespace wic {
namespace {

using storage::InventoryFilter;
using storage::InventoryRecord;
using storage::Product;
using storage::Store;

Gtin gtin(std::string_view code) { return Gtin::parse(code).value(); }
StoreId store_id(std::string_view text) { return StoreId::parse(text).value(); }

Product similac() {
  return Product{gtin("070074559582"), "Similac", "Advance Powder", "infant_food", "Similac Infant Formula PWD",
                 "CAN", "$$$", {"MI"}, true};
}

Product cereal() {
  return Product{gtin("038000596674"), "All Bran", "Wheat Bran Flakes", "cereal", "Whole Grain Cereal",
                 "OUNCE", "OZ", {"MI"}, false};
}

Store detroit_walmart() {
  return Store{store_id("walmart-1001"), "Walmart Supercenter", "5851 Mercury Dr", "Dearborn", "MI", "48126",
               GeoPoint{42.3297, -83.1985}};
}

Store detroit_kroger() {
  return Store{store_id("kroger-01800123"), "Kroger", "1 Main St", "Detroit", "MI", "48201",
               GeoPoint{42.3470, -83.0600}};
}

InventoryRecord record(const Store& store, const Product& product, StockStatus status, SystemTime when) {
  InventoryRecord out{store.id, product.gtin, status};
  out.last_updated = when;
  out.confidence = 80;
  return out;
}

const SystemTime kNoon = SystemTime{std::chrono::hours{24 * 20454 + 12}};

// Runs raw SQL on the database, bypassing the storage layer. Returns
// whether the database accepted it.
bool raw_exec(const std::string& backend, const std::string& location, const std::string& sql) {
  if (backend == "postgresql") {
    try {
      storage::PgConnection connection(location);
      connection.exec(sql);
      return true;
    } catch (const storage::StorageError&) {
      return false;
    }
  }
  sqlite3* db = nullptr;
  sqlite3_open(location.c_str(), &db);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK;
}

class StorageTest : public testing::StorageBackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::ValuesIn(testing::storage_backends()),
                         [](const auto& info) { return info.param; });

TEST_P(StorageTest, MigrationsApplyOnce) {
  EXPECT_EQ(storage().schema_version(), 3);

  reopen();

  EXPECT_EQ(storage().schema_version(), 3);
}

TEST_P(StorageTest, ProductUpsertIsIdempotent) {
  auto first = storage().upsert_products({similac(), cereal()});
  auto second = storage().upsert_products({similac(), cereal()});

  EXPECT_EQ(first.inserted, 2);
  EXPECT_EQ(second.inserted, 0);
  EXPECT_EQ(second.updated, 0);
  EXPECT_EQ(second.unchanged, 2);
  EXPECT_EQ(storage().list_products({}).size(), 2u);
}

TEST_P(StorageTest, ProductChangeCountsAsUpdate) {
  storage().upsert_products({similac()});
  Product changed = similac();
  changed.description = "Advance Powder 12.4 oz";

  auto counts = storage().upsert_products({changed});

  EXPECT_EQ(counts.updated, 1);
  EXPECT_EQ(storage().find_product(similac().gtin)->description, "Advance Powder 12.4 oz");
}

TEST_P(StorageTest, ApprovalsAccumulateAcrossStates) {
  storage().upsert_products({similac()});
  Product ohio = similac();
  ohio.states = {"OH"};

  auto counts = storage().upsert_products({ohio});

  EXPECT_EQ(counts.updated, 1);
  EXPECT_EQ(storage().find_product(similac().gtin)->states, (std::vector<std::string>{"MI", "OH"}));
  EXPECT_EQ(storage().list_products({.state = "OH"}).size(), 1u);
  EXPECT_EQ(storage().list_products({.state = "WI"}).size(), 0u);
}

TEST_P(StorageTest, ProductFiltersByFormulaAndCategory) {
  storage().upsert_products({similac(), cereal()});

  EXPECT_EQ(storage().list_products({.formula_only = true}).size(), 1u);
  EXPECT_EQ(storage().list_products({.category = "cereal"}).front().brand, "All Bran");
}

TEST_P(StorageTest, StoresUpsertFindAndList) {
  auto first = storage().upsert_stores({detroit_walmart(), detroit_kroger()});
  auto second = storage().upsert_stores({detroit_walmart(), detroit_kroger()});

  EXPECT_EQ(first.inserted, 2);
  EXPECT_EQ(second.unchanged, 2);
  EXPECT_EQ(storage().find_store(detroit_kroger().id), detroit_kroger());
  EXPECT_EQ(storage().list_stores(Retailer::kWalmart).size(), 1u);
  EXPECT_EQ(storage().list_stores().size(), 2u);
  EXPECT_FALSE(storage().find_store(store_id("walmart-9")).has_value());
}

TEST_P(StorageTest, InventoryReplacesOneRecordPerStoreAndProduct) {
  storage().upsert_products({similac()});
  storage().upsert_stores({detroit_walmart()});

  storage().write_inventory({record(detroit_walmart(), similac(), StockStatus::kInStock, kNoon)});
  auto later = record(detroit_walmart(), similac(), StockStatus::kOutOfStock, kNoon + std::chrono::minutes{15});
  later.quantity_range = QuantityRange::kFew;
  later.aisle = "A12";
  storage().write_inventory({later});

  auto found = storage().find_inventory(detroit_walmart().id, similac().gtin);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, StockStatus::kOutOfStock);
  EXPECT_EQ(found->quantity_range, QuantityRange::kFew);
  EXPECT_EQ(found->aisle, "A12");
  EXPECT_EQ(found->last_updated, kNoon + std::chrono::minutes{15});
  EXPECT_EQ(storage().inventory_for_product(similac().gtin).size(), 1u);
}

TEST_P(StorageTest, InventoryListFiltersAndPages) {
  storage().upsert_products({similac(), cereal()});
  storage().upsert_stores({detroit_walmart()});
  storage().write_inventory({record(detroit_walmart(), similac(), StockStatus::kInStock, kNoon),
                             record(detroit_walmart(), cereal(), StockStatus::kOutOfStock, kNoon)});

  auto all = storage().list_inventory(detroit_walmart().id, {});
  auto formula = storage().list_inventory(detroit_walmart().id, {.formula_only = true});
  auto out = storage().list_inventory(detroit_walmart().id, {.status = StockStatus::kOutOfStock});
  auto by_gtin = storage().list_inventory(detroit_walmart().id, {.gtins = {cereal().gtin}});
  auto second_page = storage().list_inventory(detroit_walmart().id, {.limit = 1, .offset = 1});

  EXPECT_EQ(all.total, 2);
  EXPECT_EQ(all.records.front().gtin, similac().gtin) << "formula sorts first";
  EXPECT_EQ(formula.total, 1);
  EXPECT_EQ(out.records.front().gtin, cereal().gtin);
  EXPECT_EQ(by_gtin.total, 1);
  EXPECT_EQ(second_page.total, 2);
  ASSERT_EQ(second_page.records.size(), 1u);
  EXPECT_EQ(second_page.records.front().gtin, cereal().gtin);
}

TEST_P(StorageTest, DatabaseRejectsUnknownStatusNames) {
  storage().upsert_products({similac()});
  storage().upsert_stores({detroit_walmart()});
  const std::string insert =
      "INSERT INTO inventory (store_id, gtin, status, last_updated, source, confidence) VALUES "
      "('walmart-1001', '00070074559582', ";

  EXPECT_FALSE(raw_exec(backend(), path(), insert + "'available', 0, 'api', 50)"));
  EXPECT_FALSE(raw_exec(backend(), path(), insert + "'in_stock', 0, 'scraped', 50)"));
  EXPECT_FALSE(raw_exec(backend(), path(), insert + "'in_stock', 0, 'api', 101)"));
  EXPECT_TRUE(raw_exec(backend(), path(), insert + "'in_stock', 0, 'api', 100)"));
  EXPECT_FALSE(raw_exec(backend(), path(), "UPDATE inventory SET quantity_range = 'lots'"));
}

TEST_P(StorageTest, ReportAndMergedRecordCommitTogether) {
  storage().upsert_products({similac()});
  storage().upsert_stores({detroit_walmart()});
  storage::InventoryReport report{0, detroit_walmart().id, similac().gtin, StockStatus::kOutOfStock};
  report.client_key = "127.0.0.1";
  report.user_id = "parent-7";
  report.reported_at = kNoon;
  auto merged = record(detroit_walmart(), similac(), StockStatus::kOutOfStock, kNoon);
  merged.source = DataSource::kCrowdsourced;
  merged.report_count = 1;

  const auto id = storage().add_report(report, merged);

  EXPECT_GT(id, 0);
  auto reports = storage().reports_since(detroit_walmart().id, similac().gtin, kNoon - std::chrono::hours{1});
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.front().user_id, "parent-7");
  EXPECT_EQ(storage().find_inventory(detroit_walmart().id, similac().gtin)->source, DataSource::kCrowdsourced);
}

TEST_P(StorageTest, ReportForUnknownStoreWritesNothing) {
  storage().upsert_products({similac()});
  storage::InventoryReport report{0, store_id("walmart-4242"), similac().gtin, StockStatus::kInStock};
  report.client_key = "127.0.0.1";
  report.reported_at = kNoon;
  auto merged = record(detroit_walmart(), similac(), StockStatus::kInStock, kNoon);
  merged.store_id = store_id("walmart-4242");

  EXPECT_THROW(storage().add_report(report, merged), storage::StorageError);
  EXPECT_TRUE(storage().reports_since(store_id("walmart-4242"), similac().gtin, SystemTime{}).empty());
}

TEST_P(StorageTest, JobLifecycleAndInterruptedJobs) {
  storage::SyncJob job;
  job.retailer = Retailer::kKroger;
  job.store_ids = {"kroger-01800123", "kroger-01800124"};
  job.product_scope = "formula";
  job.id = storage().create_job(job);
  job.status = storage::JobStatus::kRunning;
  job.started_at = kNoon;
  job.updated_at = kNoon;
  job.processed = 10;
  storage().update_job(job);

  const int failed = storage().fail_unfinished_jobs("process stopped before the job finished",
                                                    kNoon + std::chrono::minutes{10}, std::chrono::minutes{5});

  EXPECT_EQ(failed, 1);
  auto found = storage().find_job(job.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, storage::JobStatus::kFailed);
  EXPECT_EQ(found->store_ids, job.store_ids);
  EXPECT_EQ(found->processed, 10);
  EXPECT_EQ(found->error, "process stopped before the job finished");
  EXPECT_EQ(storage().recent_jobs(5).size(), 1u);
}

TEST_P(StorageTest, LiveJobsAreNotFailed) {
  const auto silent_for = std::chrono::minutes{5};
  auto running_job = [&](SystemTime written_at) {
    storage::SyncJob job;
    job.retailer = Retailer::kKroger;
    job.product_scope = "formula";
    job.status = storage::JobStatus::kRunning;
    job.started_at = kNoon;
    job.updated_at = written_at;
    job.id = storage().create_job(job);
    return job;
  };
  const auto live = running_job(kNoon + std::chrono::minutes{8});
  const auto dead = running_job(kNoon + std::chrono::minutes{4});
  storage::SyncJob unstamped;
  unstamped.retailer = Retailer::kWalmart;
  unstamped.product_scope = "formula";
  unstamped.status = storage::JobStatus::kRunning;
  unstamped.id = storage().create_job(unstamped);

  const auto now = kNoon + std::chrono::minutes{10};
  const int failed = storage().fail_unfinished_jobs("worker gone", now, silent_for);

  EXPECT_EQ(failed, 2);
  EXPECT_EQ(storage().find_job(live.id)->status, storage::JobStatus::kRunning);
  EXPECT_EQ(storage().find_job(live.id)->updated_at, live.updated_at);
  EXPECT_EQ(storage().find_job(dead.id)->status, storage::JobStatus::kFailed);
  EXPECT_EQ(storage().find_job(dead.id)->finished_at, now);
  EXPECT_EQ(storage().find_job(unstamped.id)->status, storage::JobStatus::kFailed);
  EXPECT_EQ(storage().fail_unfinished_jobs("worker gone", now, silent_for), 0) << "failed jobs stay failed";
}

TEST_P(StorageTest, RetailerItemIdsRoundTrip) {
  storage().put_retailer_item(Retailer::kWalmart, similac().gtin, "10450117");
  storage().put_retailer_item(Retailer::kWalmart, similac().gtin, "10450118");

  EXPECT_EQ(storage().find_retailer_item(Retailer::kWalmart, similac().gtin), "10450118");
  EXPECT_FALSE(storage().find_retailer_item(Retailer::kKroger, similac().gtin).has_value());
}

TEST_P(StorageTest, QuotaSpendSurvivesReopen) {
  EXPECT_EQ(storage().add_quota_spend("walmart:day", kNoon, 3), 3);
  EXPECT_EQ(storage().add_quota_spend("walmart:day", kNoon, 2), 5);

  reopen();

  EXPECT_EQ(storage().quota_spent("walmart:day", kNoon), 5);
  EXPECT_EQ(storage().quota_spent("walmart:day", kNoon + std::chrono::hours{24}), 0);
}

TEST_P(StorageTest, CleanupRemovesOldRows) {
  storage().upsert_products({similac(), cereal()});
  storage().upsert_stores({detroit_walmart()});
  storage().write_inventory({record(detroit_walmart(), similac(), StockStatus::kInStock, kNoon),
                             record(detroit_walmart(), cereal(), StockStatus::kInStock, kNoon - std::chrono::hours{24 * 8})});

  auto counts = storage().cleanup(kNoon - std::chrono::hours{24 * 7});

  EXPECT_EQ(counts.inventory, 1);
  EXPECT_EQ(counts.reports, 0);
  EXPECT_TRUE(storage().find_inventory(detroit_walmart().id, similac().gtin).has_value());
}

TEST_P(StorageTest, SharedQuotaNeverExceedsLimit) {
  // Four handles on one database stand for four processes; each thread has
  // its own connection, so only the database's own locking keeps the count.
  constexpr int kHandles = 4;
  constexpr int kAttemptsEach = 40;
  constexpr std::int64_t kLimit = 100;
  std::vector<std::unique_ptr<storage::Storage>> handles;
  for (int i = 0; i < kHandles; ++i) {
    handles.push_back(storage::open_storage(path()));
  }

  std::atomic<int> taken{0};
  std::vector<std::thread> threads;
  for (auto& handle : handles) {
    threads.emplace_back([&, raw = handle.get()] {
      for (int attempt = 0; attempt < kAttemptsEach; ++attempt) {
        if (raw->try_take_quota("kroger:products:day", kNoon - std::chrono::hours{24}, kNoon, 1, kLimit)) {
          ++taken;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }

  EXPECT_EQ(taken.load(), kLimit);
  EXPECT_EQ(storage().quota_spent_since("kroger:products:day", kNoon - std::chrono::hours{24}), kLimit);
}

TEST_P(StorageTest, SharedQuotaWindowSlides) {
  const auto day = std::chrono::hours{24};
  ASSERT_TRUE(storage().try_take_quota("walmart:day", kNoon - day, kNoon, 5, 5));

  EXPECT_FALSE(storage().try_take_quota("walmart:day", kNoon - day, kNoon, 1, 5));
  EXPECT_TRUE(storage().try_take_quota("walmart:day", kNoon + std::chrono::minutes{1}, kNoon + day, 1, 5))
      << "the noon slot has left the window a day later";
}

TEST_P(StorageTest, LeaseHasOneHolderUntilExpiry) {
  const auto ttl = std::chrono::seconds{30};

  EXPECT_TRUE(storage().try_acquire_lease("scheduler", "worker-a", kNoon, ttl));
  EXPECT_FALSE(storage().try_acquire_lease("scheduler", "worker-b", kNoon + std::chrono::seconds{10}, ttl));
  EXPECT_TRUE(storage().try_acquire_lease("scheduler", "worker-a", kNoon + std::chrono::seconds{20}, ttl));
  EXPECT_FALSE(storage().try_acquire_lease("scheduler", "worker-b", kNoon + std::chrono::seconds{40}, ttl))
      << "the renewal at 20 s runs to 50 s";
  EXPECT_EQ(storage().lease_holder("scheduler", kNoon + std::chrono::seconds{40}), "worker-a");

  EXPECT_TRUE(storage().try_acquire_lease("scheduler", "worker-b", kNoon + std::chrono::seconds{51}, ttl));
  EXPECT_FALSE(storage().try_acquire_lease("scheduler", "worker-a", kNoon + std::chrono::seconds{52}, ttl));
  EXPECT_EQ(storage().lease_holder("scheduler", kNoon + std::chrono::seconds{52}), "worker-b");
}

TEST_P(StorageTest, ReleasedLeaseIsFree) {
  const auto ttl = std::chrono::seconds{30};
  ASSERT_TRUE(storage().try_acquire_lease("scheduler", "worker-a", kNoon, ttl));

  storage().release_lease("scheduler", "worker-b");
  EXPECT_EQ(storage().lease_holder("scheduler", kNoon), "worker-a") << "only the holder releases";
  storage().release_lease("scheduler", "worker-a");

  EXPECT_FALSE(storage().lease_holder("scheduler", kNoon).has_value());
  EXPECT_TRUE(storage().try_acquire_lease("scheduler", "worker-b", kNoon, ttl));
}

TEST_P(StorageTest, ReportFeedReturnsNewerReports) {
  storage().upsert_products({similac()});
  storage().upsert_stores({detroit_walmart()});
  std::vector<std::int64_t> ids;
  for (auto status : {StockStatus::kInStock, StockStatus::kLowStock, StockStatus::kOutOfStock}) {
    storage::InventoryReport report{0, detroit_walmart().id, similac().gtin, status};
    report.client_key = "127.0.0.1";
    report.reported_at = kNoon;
    auto merged = record(detroit_walmart(), similac(), status, kNoon);
    ids.push_back(storage().add_report(report, merged));
  }

  const auto after_first = storage().reports_after(ids[0], 10);
  const auto limited = storage().reports_after(0, 2);

  ASSERT_EQ(after_first.size(), 2u);
  EXPECT_EQ(after_first[0].id, ids[1]);
  EXPECT_EQ(after_first[1].status, StockStatus::kOutOfStock);
  EXPECT_EQ(limited.size(), 2u);
  EXPECT_TRUE(storage().reports_after(ids[2], 10).empty());
}

TEST_P(StorageTest, NewestReportIdFollowsReports) {
  EXPECT_EQ(storage().newest_report_id(), 0);
  storage().upsert_products({similac()});
  storage().upsert_stores({detroit_walmart()});
  storage::InventoryReport report{0, detroit_walmart().id, similac().gtin, StockStatus::kInStock};
  report.client_key = "127.0.0.1";
  report.reported_at = kNoon;
  const auto merged = record(detroit_walmart(), similac(), StockStatus::kInStock, kNoon);

  const std::int64_t first = storage().add_report(report, merged);
  EXPECT_EQ(storage().newest_report_id(), first);
  const std::int64_t second = storage().add_report(report, merged);
  EXPECT_EQ(storage().newest_report_id(), second);
  EXPECT_TRUE(storage().reports_after(storage().newest_report_id(), 10).empty());
}

class SqliteFileTest : public testing::TempDatabase {};

TEST_F(SqliteFileTest, DatabaseFileIsInWalMode) {
  sqlite3* db = nullptr;
  sqlite3_open(path().c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr);
  sqlite3_step(statement);
  const std::string mode = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);

  EXPECT_EQ(mode, "wal");
}

}  // namespace
}  // namespace wic
