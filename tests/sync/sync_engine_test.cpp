// Sync jobs against the retailer sandbox over HTTP on 127.0.0.1, with a
// real SQLite file. Call counts come from the sandbox's own stats.

#include <gtest/gtest.h>

#include <optional>

#include "sandbox_fixture.h"
#include "sync/job_spec.h"

namespace wic::sync::testing {
namespace {

constexpr char kClient[] = "sandbox-client";

std::int64_t batches(std::size_t items, std::size_t size) { return static_cast<std::int64_t>((items + size - 1) / size); }

class SyncEngineTest : public SandboxTest {};

TEST_F(SyncEngineTest, WalmartFormulaFollowsBatchingRules) {
  start_sandbox();
  import_formula();
  import_stores();
  SyncEngine& engine = *services().engine;
  const auto walmart_stores = stores_of(Retailer::kWalmart);
  ASSERT_EQ(walmart_stores.size(), 90u);
  ASSERT_GT(formula.size(), 100u);

  // First pass: one UPC lookup per product, which also returns its stock.
  auto first = engine.run(JobSpec{Retailer::kWalmart, {}, ProductScope::formula()});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->job.status, storage::JobStatus::kCompleted);
  EXPECT_EQ(sandbox->stats().calls_to("walmart.items", kClient), static_cast<std::int64_t>(formula.size()));
  EXPECT_EQ(first->job.requests, static_cast<std::int64_t>(formula.size()));
  EXPECT_EQ(first->calls.lower_bound, static_cast<std::int64_t>(formula.size()));
  EXPECT_EQ(first->calls.naive, static_cast<std::int64_t>(formula.size() * walmart_stores.size()));
  EXPECT_EQ(first->job.processed, first->calls.naive);
  EXPECT_EQ(first->job.succeeded, first->calls.naive);
  EXPECT_EQ(inventory_rows(), first->calls.naive);

  // Later passes: item ids are known, 20 a call, one answer for all stores.
  sandbox->reset_counters();
  auto second = engine.run(JobSpec{Retailer::kWalmart, {}, ProductScope::formula()});
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(sandbox->stats().calls_to("walmart.items", kClient), batches(formula.size(), 20));
  EXPECT_EQ(second->job.requests, batches(formula.size(), 20));
  EXPECT_EQ(second->calls.lower_bound, batches(formula.size(), 20));
  EXPECT_EQ(inventory_rows(), second->calls.naive);
}

TEST_F(SyncEngineTest, WalmartAnswerMatchesSandboxStock) {
  start_sandbox();
  import_formula(5);
  import_stores(3, 1);
  SyncEngine& engine = *services().engine;

  auto report = engine.run(JobSpec{Retailer::kWalmart, {}, ProductScope::formula()});
  ASSERT_TRUE(report.ok());
  const std::map<std::string, StockStatus> expected{{"Available", StockStatus::kInStock},
                                                    {"Limited Supply", StockStatus::kLowStock},
                                                    {"Last few items", StockStatus::kLowStock},
                                                    {"Not available", StockStatus::kOutOfStock}};
  for (const Gtin& gtin : formula) {
    const auto stock = sandbox->walmart_stock(gtin);
    ASSERT_TRUE(stock.has_value());
    for (const StoreId& store : stores_of(Retailer::kWalmart)) {
      const auto record = storage->find_inventory(store, gtin);
      ASSERT_TRUE(record.has_value()) << store.str() << " " << gtin.gtin14();
      EXPECT_EQ(record->status, expected.at(*stock)) << store.str() << " " << gtin.gtin14();
      EXPECT_EQ(record->source, DataSource::kApi);
      EXPECT_EQ(record->last_updated, clock->system_now());
    }
  }
}

TEST_F(SyncEngineTest, KrogerFormulaFollowsBatchingRules) {
  start_sandbox();
  import_formula();
  import_stores(0, 6);
  SyncEngine& engine = *services().engine;
  const auto kroger_stores = stores_of(Retailer::kKroger);
  ASSERT_EQ(kroger_stores.size(), 6u);

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});
  ASSERT_TRUE(report.ok()) << report.error().message;
  const std::int64_t expected_calls = static_cast<std::int64_t>(kroger_stores.size()) * batches(formula.size(), 50);
  EXPECT_EQ(report->job.status, storage::JobStatus::kCompleted);
  EXPECT_EQ(sandbox->stats().calls_to("kroger.products", kClient), expected_calls);
  EXPECT_EQ(report->job.requests, expected_calls);
  EXPECT_EQ(report->calls.lower_bound, expected_calls);
  EXPECT_EQ(report->job.succeeded, static_cast<std::int64_t>(formula.size() * kroger_stores.size()));
  EXPECT_EQ(report->job.failed, 0);

  for (const StoreId& store : kroger_stores) {
    for (const Gtin& gtin : formula) {
      const auto record = storage->find_inventory(store, gtin);
      ASSERT_TRUE(record.has_value());
      const auto level = sandbox->kroger_stock_level(store.local_id(), gtin);
      if (!level) {
        EXPECT_EQ(record->status, StockStatus::kUnknown) << store.str() << " " << gtin.gtin14();
      } else if (*level == "HIGH") {
        EXPECT_EQ(record->status, StockStatus::kInStock);
      } else if (*level == "LOW") {
        EXPECT_EQ(record->status, StockStatus::kLowStock);
      } else {
        EXPECT_EQ(record->status, StockStatus::kOutOfStock);
      }
    }
  }
}

TEST_F(SyncEngineTest, JobRecordTracksCounts) {
  start_sandbox();
  import_formula(30);
  import_stores(0, 2);
  SyncEngine& engine = *services().engine;
  const StoreId store = stores_of(Retailer::kKroger).front();

  auto report = engine.run(JobSpec{Retailer::kKroger, {store}, ProductScope::list({formula[0], formula[1]})});
  ASSERT_TRUE(report.ok());
  const auto job = storage->find_job(report->job.id);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->status, storage::JobStatus::kCompleted);
  ASSERT_TRUE(job->started_at.has_value());
  ASSERT_TRUE(job->finished_at.has_value());
  EXPECT_EQ(job->processed, 2);
  EXPECT_EQ(job->succeeded, 2);
  EXPECT_EQ(job->failed, 0);
  EXPECT_EQ(job->requests, 1);
  EXPECT_EQ(job->store_ids, std::vector<std::string>{store.str()});
  EXPECT_EQ(job->product_scope, formula[0].gtin14() + "," + formula[1].gtin14());
  EXPECT_TRUE(job->error.empty());
}

TEST_F(SyncEngineTest, StoreOfOtherRetailerRejected) {
  start_sandbox();
  import_formula(3);
  import_stores(1, 1);
  SyncEngine& engine = *services().engine;

  auto report = engine.run(JobSpec{Retailer::kKroger, stores_of(Retailer::kWalmart), ProductScope::formula()});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.error().message.find("is not a kroger store"), std::string::npos) << report.error().message;
  EXPECT_TRUE(storage->recent_jobs(10).empty());
}

TEST_F(SyncEngineTest, JobWithoutStoresFails) {
  start_sandbox();
  import_formula(3);
  SyncEngine& engine = *services().engine;

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->job.status, storage::JobStatus::kFailed);
  EXPECT_NE(report->job.error.find("stores discover"), std::string::npos) << report->job.error;
  EXPECT_EQ(sandbox->stats().total_calls(), 0);
}

TEST_F(SyncEngineTest, LiveJobSurvivesAnotherWorkerStarting) {
  start_sandbox();
  import_formula();
  import_stores(0, 4);
  const std::int64_t pairs = static_cast<std::int64_t>(formula.size()) * 4;
  SyncServices& built = services();
  SyncEngine& running_worker = *built.engine;
  SyncEngine starting_worker(built.refresher, storage, clock);

  int failed_by_start = -1;
  std::optional<storage::JobStatus> status_after_start;
  auto report = running_worker.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()},
                                   [&](const JobProgress& progress) {
                                     if (progress.batches_done == 2) {
                                       failed_by_start = starting_worker.fail_unfinished_jobs();
                                       status_after_start = storage->find_job(progress.job_id)->status;
                                     }
                                   });

  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(failed_by_start, 0);
  EXPECT_EQ(status_after_start, storage::JobStatus::kRunning);
  EXPECT_EQ(report->job.status, storage::JobStatus::kCompleted);
  EXPECT_EQ(report->job.succeeded, pairs);
  EXPECT_EQ(storage->find_job(report->job.id)->status, storage::JobStatus::kCompleted);
}

TEST_F(SyncEngineTest, InterruptedJobFailsOnNextStartAndRerunsSafely) {
  start_sandbox();
  import_formula();
  import_stores(0, 4);
  const std::int64_t pairs = static_cast<std::int64_t>(formula.size()) * 4;

  // A process dies half-way: its job stays "running" with partial counts.
  {
    SyncEngine& engine = *services().engine;
    ratelimit::CancellationToken cancel;
    auto interrupted = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()},
                                  [&cancel](const JobProgress& progress) {
                                    if (progress.batches_done >= 2) {
                                      cancel.cancel();
                                    }
                                  },
                                  &cancel);
    ASSERT_TRUE(interrupted.ok());
    EXPECT_EQ(interrupted->job.status, storage::JobStatus::kFailed);
    EXPECT_LT(interrupted->job.succeeded, pairs);
  }
  storage::SyncJob crashed;
  crashed.retailer = Retailer::kKroger;
  crashed.product_scope = "formula";
  crashed.status = storage::JobStatus::kRunning;
  crashed.processed = 50;
  crashed.updated_at = clock->system_now();
  crashed.id = storage->create_job(crashed);
  storage->update_job(crashed);

  // The next process marks it failed, once its record has been silent long
  // enough, and reruns it.
  SyncEngine& engine = *services().engine;
  EXPECT_EQ(engine.fail_unfinished_jobs(), 0) << "written just now: its process may be alive";
  clock->advance(kDefaultAbandonedAfter + std::chrono::seconds{1});
  EXPECT_EQ(engine.fail_unfinished_jobs(), 1);
  const auto failed = storage->find_job(crashed.id);
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->status, storage::JobStatus::kFailed);
  EXPECT_FALSE(failed->error.empty());

  auto rerun = engine.rerun(crashed.id);
  ASSERT_TRUE(rerun.ok()) << rerun.error().message;
  EXPECT_EQ(rerun->job.status, storage::JobStatus::kCompleted);
  EXPECT_EQ(rerun->job.succeeded, pairs);
  EXPECT_EQ(inventory_rows(), pairs);

  auto again = engine.rerun(rerun->job.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->job.status, storage::JobStatus::kCompleted);
  EXPECT_EQ(inventory_rows(), pairs);
}

TEST_F(SyncEngineTest, BackgroundJobCompletes) {
  start_sandbox();
  import_formula(10);
  import_stores(0, 2);
  SyncEngine& engine = *services().engine;

  auto id = engine.start(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(engine.wait(*id));
  const auto job = storage->find_job(*id);
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->status, storage::JobStatus::kCompleted);
  EXPECT_EQ(job->succeeded, 20);
  EXPECT_EQ(job->requests, 2);
}

TEST_F(SyncEngineTest, SpentQuotaStopsPassWithoutOverrun) {
  start_sandbox();
  import_formula();
  import_stores(0, 10);
  // Our own limit: 7 Kroger product calls a day.
  SyncServiceOptions options;
  options.jobs.max_concurrency = 2;
  SyncEngine& engine =
      *services({{"WIC_RATE_LIMIT_KROGER_PRODUCTS", "day=7"}, {"WIC_RATE_LIMIT_WAIT_MS", "10"}}, options).engine;

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(sandbox->stats().calls_to("kroger.products", kClient), 7);
  EXPECT_EQ(report->job.status, storage::JobStatus::kCompleted);
  EXPECT_FALSE(report->stop_reason.empty());
  EXPECT_GT(report->not_asked, 0);
  EXPECT_EQ(report->job.processed, report->calls.naive);
  EXPECT_EQ(report->job.succeeded + report->job.failed, report->calls.naive);
}

}  // namespace
}  // namespace wic::sync::testing
