// A whole simulated day of the scheduler against the retailer sandbox: the
// clock is a ManualClock shared by both, so 24 hours pass in seconds.

#include <gtest/gtest.h>

#include "sandbox_fixture.h"
#include "sync/scheduler.h"

namespace wic::sync::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr char kClient[] = "sandbox-client";

class SchedulerDayTest : public SandboxTest {
 protected:
  // 20 formula products and 100 others, 10 Walmart and 5 Kroger stores.
  void import_small_catalog() {
    import_formula(20);
    std::vector<storage::Product> others;
    for (const sandbox::SandboxProduct& item : shared_catalog()->products()) {
      if (item.infant_formula) {
        continue;
      }
      others.push_back(storage::Product{item.gtin, item.brand, item.description, item.category, item.subcategory,
                                        item.size, "", {"MI"}, false});
      if (others.size() == 100) {
        break;
      }
    }
    storage->upsert_products(others);
    import_stores(10, 5);
  }

  std::int64_t quota_refusals() { return sandbox->stats().rate_limited_count("quota"); }
  std::int64_t calls(std::string_view endpoint) { return sandbox->stats().calls_to(endpoint, kClient); }
};

TEST_F(SchedulerDayTest, WholeDayKeepsFormulaFreshWithinQuota) {
  sandbox::SandboxConfig config;
  config.quotas.walmart_daily = 300;
  config.quotas.kroger_products_daily = 1000;
  start_sandbox(config);
  import_small_catalog();
  SyncServices& built = services({{"WIC_RATE_LIMIT_WALMART_AFFILIATE", "day=300"},
                                  {"WIC_RATE_LIMIT_KROGER_PRODUCTS", "day=1000"}});
  Scheduler scheduler(built.refresher, storage, clock);

  const SystemTime start = clock->system_now();
  std::vector<std::int64_t> hourly_calls;
  std::int64_t calls_before = 0;
  for (int hour = 1; hour <= 24; ++hour) {
    scheduler.run_until(start + hours{hour});
    const std::int64_t total = calls("walmart.items") + calls("kroger.products");
    hourly_calls.push_back(total - calls_before);
    calls_before = total;

    const SchedulerStatus status = scheduler.status();
    ASSERT_EQ(status.retailers.size(), 2u);
    for (const RetailerSchedule& retailer : status.retailers) {
      EXPECT_EQ(retailer.formula_fresh, retailer.formula_pairs)
          << to_string(retailer.retailer) << " formula not fresh at hour " << hour;
      EXPECT_EQ(retailer.deferred_formula, 0) << to_string(retailer.retailer) << " at hour " << hour;
    }
  }

  EXPECT_EQ(quota_refusals(), 0);
  EXPECT_LE(calls("walmart.items"), 300);
  EXPECT_LE(calls("kroger.products"), 1000);
  for (const auto& usage : sandbox->quota_usage()) {
    EXPECT_LE(usage.used, usage.limit) << sandbox::to_string(usage.bucket);
  }

  const SchedulerStatus status = scheduler.status();
  for (const RetailerSchedule& retailer : status.retailers) {
    EXPECT_EQ(retailer.other_fresh, retailer.other_pairs) << to_string(retailer.retailer);
    EXPECT_GT(retailer.calls_last_day, 0) << to_string(retailer.retailer);
    EXPECT_LE(retailer.calls_last_day, retailer.daily_budget) << to_string(retailer.retailer);
  }
  // Kroger formula alone needs 5 stores x 96 rounds a day: the quota is
  // spent through the day, not in the morning.
  EXPECT_GE(calls("kroger.products"), 480);
  for (std::size_t hour = 1; hour < hourly_calls.size(); ++hour) {
    EXPECT_GT(hourly_calls[hour], 0) << "no call in hour " << hour + 1;
    EXPECT_LT(hourly_calls[hour], 120) << "hour " << hour + 1;
  }
}

TEST_F(SchedulerDayTest, ShortQuotaPutsFormulaFirstAndReportsRest) {
  sandbox::SandboxConfig config;
  config.quotas.kroger_products_daily = 200;
  start_sandbox(config);
  import_small_catalog();
  SyncServices& built = services({{"WIC_RATE_LIMIT_KROGER_PRODUCTS", "day=200"}});
  Scheduler scheduler(built.refresher, storage, clock);

  const SystemTime start = clock->system_now();
  scheduler.run_until(start + hours{6});

  EXPECT_EQ(quota_refusals(), 0);
  EXPECT_LE(calls("kroger.products"), 200);
  const SchedulerStatus status = scheduler.status();
  const auto kroger = std::find_if(status.retailers.begin(), status.retailers.end(),
                                   [](const RetailerSchedule& r) { return r.retailer == Retailer::kKroger; });
  ASSERT_NE(kroger, status.retailers.end());
  EXPECT_GT(kroger->calls_needed_per_day, kroger->daily_budget);
  EXPECT_GT(kroger->deferred_formula, 0);
  EXPECT_GT(kroger->formula_fresh, 0);
  EXPECT_LT(kroger->formula_fresh, kroger->formula_pairs);
  EXPECT_LE(kroger->calls_last_day, kroger->daily_budget);
}

TEST_F(SchedulerDayTest, RequestedStoreRefreshedFirst) {
  sandbox::SandboxConfig config;
  start_sandbox(config);
  import_formula(20);
  import_stores(1, 5);
  // Budget for one Kroger call a round at most.
  SchedulerOptions options;
  options.include_other_products = false;
  options.carry_over = minutes{1};
  SyncServices& built = services({{"WIC_RATE_LIMIT_KROGER_PRODUCTS", "day=1600"}});
  auto demand = std::make_shared<DemandCounter>(clock);
  const StoreId wanted = stores_of(Retailer::kKroger).back();
  demand->record(wanted, formula.front(), 50);
  Scheduler scheduler(built.refresher, storage, clock, options, demand);

  ASSERT_TRUE(scheduler.run_round());

  EXPECT_EQ(calls("kroger.products"), 1);
  EXPECT_TRUE(storage->find_inventory(wanted, formula.front()).has_value());
  for (const StoreId& store : stores_of(Retailer::kKroger)) {
    if (store != wanted) {
      EXPECT_FALSE(storage->find_inventory(store, formula.front()).has_value()) << store.str();
    }
  }
}

TEST_F(SchedulerDayTest, OnlyLeaseHolderRunsRounds) {
  start_sandbox();
  import_formula(5);
  import_stores(1, 1);
  SyncServices& built = services();
  Scheduler first(built.refresher, storage, clock);
  Scheduler second(built.refresher, storage, clock);

  EXPECT_TRUE(first.run_round());
  EXPECT_FALSE(second.run_round());
  first.stop();
  EXPECT_TRUE(second.run_round());
}

// A round longer than the lease's time to live renews the lease as it
// goes, so no other scheduler can take it while calls are still being made.
TEST_F(SchedulerDayTest, LongRoundKeepsItsLease) {
  start_sandbox();
  import_formula(20);
  import_stores(0, 5);
  // One call a second, no burst: five Kroger batches take four seconds.
  SyncServices& built = services({{"WIC_RATE_LIMIT_KROGER_PRODUCTS", "rate=1 burst=1"}});
  SchedulerOptions options;
  options.lease_ttl = std::chrono::seconds{2};
  Scheduler first(built.refresher, storage, clock, options);
  Scheduler second(built.refresher, storage, clock, options);
  const SystemTime started = clock->system_now();

  EXPECT_TRUE(first.run_round());
  const Duration round_length = clock->system_now() - started;

  EXPECT_GT(round_length, options.lease_ttl);
  EXPECT_FALSE(second.run_round());
}

}  // namespace
}  // namespace wic::sync::testing
