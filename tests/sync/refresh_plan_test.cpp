#include "sync/refresh_plan.h"

#include <gtest/gtest.h>

namespace wic::sync {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const SystemTime kNow{hours{24 * 20000}};

StoreId store(std::string_view id) { return *StoreId::make(Retailer::kKroger, id); }

Gtin gtin(int n) {
  std::string data = std::to_string(100000000000 + n);  // 12 digits without the check digit
  data.insert(0, "0");
  return *Gtin::from_gtin14(data + Gtin::check_digit(data));
}

RefreshTarget target(const StoreId& at, int product, bool formula, std::optional<Duration> age) {
  RefreshTarget t{at, gtin(product), formula, std::nullopt, 0, false};
  if (age) {
    t.last_updated = kNow - std::chrono::duration_cast<SystemTime::duration>(*age);
  }
  return t;
}

PlanSettings settings(std::int64_t budget, std::size_t batch_size = 50) {
  PlanSettings s;
  s.batch_size = batch_size;
  s.budget = budget;
  s.now = kNow;
  return s;
}

TEST(RefreshPlanTest, FreshTargetsCostNothing) {
  const std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, minutes{5}),
                                           target(store("90000001"), 2, false, hours{2})};
  const RefreshPlan plan = plan_refreshes(targets, settings(10));
  EXPECT_TRUE(plan.batches.empty());
  EXPECT_EQ(plan.due_formula, 0);
  EXPECT_EQ(plan.due_other, 0);
}

TEST(RefreshPlanTest, DueWithinHorizon) {
  const std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, minutes{14} + std::chrono::seconds{30})};
  const RefreshPlan plan = plan_refreshes(targets, settings(10));
  ASSERT_EQ(plan.batches.size(), 1u);
  EXPECT_EQ(plan.due_formula, 1);
}

TEST(RefreshPlanTest, FormulaBeforeStalerOthers) {
  const std::vector<RefreshTarget> targets{target(store("90000001"), 1, false, std::nullopt),
                                           target(store("90000002"), 2, true, minutes{16})};
  const RefreshPlan plan = plan_refreshes(targets, settings(1));
  ASSERT_EQ(plan.batches.size(), 1u);
  EXPECT_EQ(plan.batches[0].store, store("90000002"));
  EXPECT_EQ(plan.deferred_other, 1);
  EXPECT_EQ(plan.deferred_formula, 0);
}

TEST(RefreshPlanTest, RequestedPairFirstAmongEquals) {
  std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, minutes{20}),
                                     target(store("90000002"), 1, true, minutes{20})};
  targets[1].requests = 30;
  const RefreshPlan plan = plan_refreshes(targets, settings(1));
  ASSERT_EQ(plan.batches.size(), 1u);
  EXPECT_EQ(plan.batches[0].store, store("90000002"));
}

TEST(RefreshPlanTest, StalestFirstAmongEquals) {
  const std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, minutes{20}),
                                           target(store("90000002"), 1, true, minutes{90})};
  const RefreshPlan plan = plan_refreshes(targets, settings(1));
  ASSERT_EQ(plan.batches.size(), 1u);
  EXPECT_EQ(plan.batches[0].store, store("90000002"));
}

TEST(RefreshPlanTest, BatchesByStoreUpToSize) {
  std::vector<RefreshTarget> targets;
  for (int product = 0; product < 7; ++product) {
    targets.push_back(target(store("90000001"), product, true, std::nullopt));
    targets.push_back(target(store("90000002"), product, true, std::nullopt));
  }
  const RefreshPlan plan = plan_refreshes(targets, settings(100, 3));
  EXPECT_EQ(plan.batches.size(), 6u);  // 3 a store: 3 + 3 + 1
  for (const PlannedBatch& batch : plan.batches) {
    EXPECT_LE(batch.gtins.size(), 3u);
  }
}

TEST(RefreshPlanTest, FreePlacesTakeStalestNotDue) {
  const std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, minutes{20}),
                                           target(store("90000001"), 2, false, hours{20}),
                                           target(store("90000001"), 3, false, hours{2})};
  const RefreshPlan plan = plan_refreshes(targets, settings(10, 2));
  ASSERT_EQ(plan.batches.size(), 1u);
  ASSERT_EQ(plan.batches[0].gtins.size(), 2u);
  EXPECT_EQ(plan.batches[0].gtins[0], gtin(1));
  EXPECT_EQ(plan.batches[0].gtins[1], gtin(2));
}

TEST(RefreshPlanTest, LookupsGoAlone) {
  std::vector<RefreshTarget> targets{target(store("90000001"), 1, true, std::nullopt),
                                     target(store("90000001"), 2, true, std::nullopt),
                                     target(store("90000001"), 3, true, std::nullopt)};
  targets[0].needs_lookup = true;
  targets[1].needs_lookup = true;
  PlanSettings s = settings(10, 20);
  s.scope = retailers::StockScope::kOnlineOnly;
  const RefreshPlan plan = plan_refreshes(targets, s);
  ASSERT_EQ(plan.batches.size(), 3u);
  for (const PlannedBatch& batch : plan.batches) {
    EXPECT_EQ(batch.gtins.size(), 1u);
  }
}

TEST(RefreshPlanTest, BudgetNeverExceeded) {
  std::vector<RefreshTarget> targets;
  for (int product = 0; product < 40; ++product) {
    targets.push_back(target(store("90000001"), product, product < 10, std::nullopt));
  }
  const RefreshPlan plan = plan_refreshes(targets, settings(2, 5));
  EXPECT_EQ(plan.batches.size(), 2u);
  EXPECT_EQ(plan.deferred_formula, 0);
  EXPECT_EQ(plan.deferred_other, 30);
}

}  // namespace
}  // namespace wic::sync
