// Each fault the sandbox injects, against a Kroger formula sync: the job
// still completes, every pair ends with a record, and no quota is exceeded.

#include <gtest/gtest.h>

#include "sandbox_fixture.h"

namespace wic::sync::testing {
namespace {

constexpr std::size_t kStores = 6;

struct FaultCase {
  std::string name;
  sandbox::FaultRates rates;
};

std::vector<FaultCase> fault_cases() {
  using std::chrono::milliseconds;
  return {
      {"error_500", {.error_500 = 0.3}},
      {"error_503", {.error_503 = 0.3}},
      {"reset", {.reset = 0.3}},
      {"timeout", {.timeout = 0.2, .timeout_ms = milliseconds{300}}},
      {"rate_limit_storm", {.rate_limit_storm = 0.3}},
      {"malformed_json", {.malformed_json = 0.3}},
      {"truncated_json", {.truncated_json = 0.3}},
      {"revoke_token", {.revoke_token = 0.3}},
      {"latency", {.latency = 0.3, .latency_ms = milliseconds{20}}},
  };
}

class SyncFaultsTest : public SandboxTest, public ::testing::WithParamInterface<FaultCase> {
 protected:
  SyncEngine& engine_with_one_worker() {
    SyncServiceOptions options;
    // One call at a time keeps the sandbox's fault draws in a fixed order.
    options.jobs.max_concurrency = 1;
    return *services({{"WIC_HTTP_TIMEOUT_MS", "150"}}, options).engine;
  }
};

TEST_P(SyncFaultsTest, JobCompletesDespiteFault) {
  start_sandbox();
  import_formula();
  import_stores(0, kStores);
  SyncEngine& engine = engine_with_one_worker();
  sandbox->set_faults({{"kroger.products", GetParam().rates}});
  const std::int64_t pairs = static_cast<std::int64_t>(formula.size() * kStores);

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});

  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto stats = sandbox->stats();
  EXPECT_GT(stats.faults_sent(GetParam().name), 0) << "fault never injected";
  EXPECT_EQ(report->job.status, storage::JobStatus::kCompleted) << report->job.error;
  EXPECT_EQ(report->job.processed, pairs);
  EXPECT_EQ(report->job.succeeded + report->job.failed, pairs);
  EXPECT_GT(report->job.succeeded, 0);
  EXPECT_EQ(inventory_rows(), pairs);
  EXPECT_EQ(stats.rate_limited_count("quota"), 0);
}

INSTANTIATE_TEST_SUITE_P(EachFault, SyncFaultsTest, ::testing::ValuesIn(fault_cases()),
                         [](const ::testing::TestParamInfo<FaultCase>& info) { return info.param.name; });

class SyncFaultOutcomeTest : public SandboxTest {};

TEST_F(SyncFaultOutcomeTest, DroppedProductEndsUnknown) {
  start_sandbox();
  import_formula();
  import_stores(0, 2);
  SyncEngine& engine = *services().engine;
  sandbox->set_faults({{"kroger.products", {.drop_product = 1.0}}});

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});

  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->job.status, storage::JobStatus::kCompleted);
  // One product left out of each answer: unknown for it, never a guess.
  EXPECT_GE(report->by_status.at(StockStatus::kUnknown), report->job.requests);
  EXPECT_EQ(inventory_rows(), static_cast<std::int64_t>(formula.size() * 2));
}

TEST_F(SyncFaultOutcomeTest, RetailerDownFailsJobWithUnknowns) {
  start_sandbox();
  import_formula(10);
  import_stores(0, 1);
  SyncEngine& engine = *services().engine;
  sandbox->set_faults({{"kroger.products", {.error_503 = 1.0}}});

  auto report = engine.run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});

  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->job.status, storage::JobStatus::kFailed);
  EXPECT_NE(report->job.error.find("no answer"), std::string::npos) << report->job.error;
  EXPECT_EQ(report->job.failed, 10);
  EXPECT_GT(report->retries, 0);
  for (const StoreId& store : stores_of(Retailer::kKroger)) {
    const auto record = storage->find_inventory(store, formula.front());
    ASSERT_TRUE(record.has_value());
    EXPECT_EQ(record->status, StockStatus::kUnknown);
  }
}

TEST_F(SyncFaultOutcomeTest, BreakerOpensAndHealthShowsIt) {
  start_sandbox();
  import_formula(10);
  import_stores(0, 8);
  SyncServiceOptions options;
  options.jobs.max_concurrency = 1;
  options.jobs.min_retry_budget = 0;
  options.jobs.retry_budget_share = 0;
  SyncServices& built = services({}, options);
  sandbox->set_faults({{"kroger.products", {.error_500 = 1.0}}});

  auto report = built.engine->run(JobSpec{Retailer::kKroger, {}, ProductScope::formula()});

  ASSERT_TRUE(report.ok());
  const auto health = built.refresher->health();
  const auto kroger = std::find_if(health.begin(), health.end(),
                                   [](const inventory::RetailerHealth& h) { return h.retailer == Retailer::kKroger; });
  ASSERT_NE(kroger, health.end());
  EXPECT_EQ(kroger->breaker, inventory::BreakerState::kOpen);
  EXPECT_TRUE(kroger->breaker_retry_at.has_value());
  EXPECT_GE(kroger->calls_failed, 5);
  EXPECT_DOUBLE_EQ(kroger->recent_error_rate, 1.0);
  EXPECT_TRUE(kroger->simulated);
  EXPECT_FALSE(built.refresher->can_call(Retailer::kKroger));
  // The breaker stopped the pass before every store was asked.
  EXPECT_GT(report->not_asked, 0);
  EXPECT_LT(sandbox->stats().calls_to("kroger.products"), 8 * 3);
}

}  // namespace
}  // namespace wic::sync::testing
