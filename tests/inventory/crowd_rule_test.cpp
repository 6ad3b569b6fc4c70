#include "inventory/crowd_rule.h"

#include <gtest/gtest.h>

namespace wic::inventory {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const SystemTime kNow = SystemTime{std::chrono::hours{24 * 20454}};

StoreId store() { return *StoreId::parse("kroger-01400376"); }
Gtin gtin() { return *Gtin::parse("070074559582"); }

storage::InventoryRecord api_record(StockStatus status, int confidence, Duration age) {
  return storage::InventoryRecord{store(), gtin(), status, std::nullopt, std::nullopt, std::string("A12"),
                                  kNow - age, DataSource::kApi, confidence, 0};
}

storage::InventoryReport report(StockStatus status, Duration age, bool identified,
                                std::optional<QuantityRange> range = std::nullopt) {
  return storage::InventoryReport{0,
                                  store(),
                                  gtin(),
                                  status,
                                  range,
                                  std::nullopt,
                                  identified ? std::optional<std::string>("shopper-1") : std::nullopt,
                                  "127.0.0.1",
                                  kNow - age};
}

ItemAnswer run(std::optional<storage::InventoryRecord> baseline, std::vector<storage::InventoryReport> reports,
               Duration ttl = minutes{15}) {
  const InventoryOptions options;
  return combine(RuleInput{store(), gtin(), std::move(baseline), std::move(reports), ttl}, kNow, options);
}

TEST(CrowdRule, NoDataIsUnknownAndStale) {
  const auto answer = run(std::nullopt, {});
  EXPECT_EQ(answer.status, StockStatus::kUnknown);
  EXPECT_TRUE(answer.stale);
  EXPECT_FALSE(answer.source.has_value());
  EXPECT_FALSE(answer.last_updated.has_value());
  EXPECT_EQ(answer.confidence, 0);
}

TEST(CrowdRule, FreshRecordAnsweredAsIs) {
  const auto answer = run(api_record(StockStatus::kInStock, 80, minutes{5}), {});
  EXPECT_EQ(answer.status, StockStatus::kInStock);
  EXPECT_FALSE(answer.stale);
  EXPECT_EQ(answer.confidence, 80);
  EXPECT_EQ(answer.age_seconds, 300);
  EXPECT_EQ(answer.source, DataSource::kApi);
  EXPECT_EQ(answer.aisle, "A12");
}

TEST(CrowdRule, StaleRecordLosesConfidence) {
  const auto answer = run(api_record(StockStatus::kInStock, 80, minutes{30}), {});
  EXPECT_TRUE(answer.stale);
  EXPECT_EQ(answer.status, StockStatus::kInStock);
  EXPECT_EQ(answer.confidence, 40);  // twice the TTL: half the confidence
}

TEST(CrowdRule, DayOldRecordIsUnknown) {
  const auto answer = run(api_record(StockStatus::kInStock, 80, hours{25}), {});
  EXPECT_EQ(answer.status, StockStatus::kUnknown);
  EXPECT_EQ(answer.confidence, 0);
  EXPECT_TRUE(answer.stale);
  ASSERT_TRUE(answer.last_updated.has_value());
}

TEST(CrowdRule, OneAnonymousReportNeverOverridesFreshApi) {
  // Even against the low confidence of Walmart's online stock.
  for (int confidence : {10, 40, 80}) {
    const auto answer = run(api_record(StockStatus::kInStock, confidence, minutes{1}),
                            {report(StockStatus::kOutOfStock, Duration::zero(), false)});
    EXPECT_EQ(answer.status, StockStatus::kInStock) << "API confidence " << confidence;
    EXPECT_EQ(answer.source, DataSource::kApi);
    EXPECT_EQ(answer.report_count, 1);
    EXPECT_LT(answer.confidence, confidence) << "a disagreeing report lowers confidence";
  }
}

TEST(CrowdRule, IdentifiedReportOverridesWeakFreshApi) {
  const auto answer =
      run(api_record(StockStatus::kInStock, 40, minutes{1}), {report(StockStatus::kOutOfStock, minutes{2}, true)});
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
  EXPECT_EQ(answer.source, DataSource::kCrowdsourced);
  EXPECT_EQ(answer.confidence, 50);
  EXPECT_EQ(answer.age_seconds, 120);
  EXPECT_EQ(answer.aisle, "A12") << "the record's aisle is kept when the report has none";
}

TEST(CrowdRule, OneReportDoesNotOverrideConfidentFreshApi) {
  const auto answer =
      run(api_record(StockStatus::kInStock, 80, minutes{1}), {report(StockStatus::kOutOfStock, minutes{1}, true)});
  EXPECT_EQ(answer.status, StockStatus::kInStock);
}

TEST(CrowdRule, AnonymousReportOverridesStaleApiWhenMoreConfident) {
  // Four times the TTL: 80 becomes 20, below one new anonymous report's 33.
  const auto answer =
      run(api_record(StockStatus::kInStock, 80, hours{1}), {report(StockStatus::kOutOfStock, minutes{1}, false)});
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
  EXPECT_EQ(answer.source, DataSource::kCrowdsourced);
  EXPECT_EQ(answer.confidence, 33);
}

TEST(CrowdRule, AgreeingReportsCountMore) {
  std::vector<storage::InventoryReport> reports;
  int previous = 0;
  for (int count = 1; count <= 4; ++count) {
    reports.push_back(report(StockStatus::kOutOfStock, Duration::zero(), true));
    const auto answer = run(std::nullopt, reports);
    EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
    EXPECT_EQ(answer.report_count, count);
    EXPECT_GT(answer.confidence, previous) << count << " reports";
    previous = answer.confidence;
  }
  EXPECT_EQ(previous, 80);  // 4 / (4 + 1)
}

TEST(CrowdRule, ManyAgreeingReportsOverrideConfidentFreshApi) {
  std::vector<storage::InventoryReport> reports(5, report(StockStatus::kOutOfStock, Duration::zero(), true));
  const auto answer = run(api_record(StockStatus::kInStock, 80, minutes{1}), reports);
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
  EXPECT_EQ(answer.confidence, 83);
}

TEST(CrowdRule, AgreeingReportRaisesApiConfidence) {
  const auto answer =
      run(api_record(StockStatus::kInStock, 80, minutes{1}), {report(StockStatus::kInStock, Duration::zero(), true)});
  EXPECT_EQ(answer.status, StockStatus::kInStock);
  EXPECT_EQ(answer.source, DataSource::kApi);
  EXPECT_EQ(answer.confidence, 85);  // 80 + (100 - 80) * 50 / 200
  EXPECT_EQ(answer.report_count, 1);
}

TEST(CrowdRule, ReportWeightHalvesEveryHalfLife) {
  const CrowdRuleOptions options;
  const auto identified = report(StockStatus::kInStock, Duration::zero(), true);
  EXPECT_DOUBLE_EQ(report_weight(identified, Duration::zero(), options), 1.0);
  EXPECT_DOUBLE_EQ(report_weight(identified, hours{2}, options), 0.5);
  EXPECT_DOUBLE_EQ(report_weight(identified, hours{6}, options), 0.125);
  EXPECT_DOUBLE_EQ(report_weight(identified, hours{13}, options), 0.0) << "outside the window";
  const auto anonymous = report(StockStatus::kInStock, Duration::zero(), false);
  EXPECT_DOUBLE_EQ(report_weight(anonymous, Duration::zero(), options), 0.5);
}

TEST(CrowdRule, OldReportsDecay) {
  const auto recent = run(std::nullopt, {report(StockStatus::kOutOfStock, Duration::zero(), true)});
  const auto older = run(std::nullopt, {report(StockStatus::kOutOfStock, hours{4}, true)});
  const auto expired = run(std::nullopt, {report(StockStatus::kOutOfStock, hours{13}, true)});
  EXPECT_EQ(recent.confidence, 50);
  EXPECT_EQ(older.confidence, 20);  // weight 0.25: 25 / 1.25
  EXPECT_EQ(expired.status, StockStatus::kUnknown);
  EXPECT_EQ(expired.report_count, 0);
}

TEST(CrowdRule, RecentMajorityWins) {
  const auto answer = run(std::nullopt, {report(StockStatus::kInStock, hours{6}, true),
                                         report(StockStatus::kOutOfStock, minutes{10}, true),
                                         report(StockStatus::kOutOfStock, minutes{5}, false, QuantityRange::kFew)});
  EXPECT_EQ(answer.status, StockStatus::kOutOfStock);
  EXPECT_EQ(answer.report_count, 3);
  EXPECT_EQ(answer.quantity_range, QuantityRange::kFew) << "from the newest report behind the status";
}

TEST(CrowdRule, StoredCrowdRecordIsNotABaseline) {
  auto stored = api_record(StockStatus::kOutOfStock, 50, minutes{1});
  stored.source = DataSource::kCrowdsourced;
  const auto answer = run(stored, {report(StockStatus::kOutOfStock, minutes{1}, true)});
  EXPECT_EQ(answer.confidence, 50) << "the same report must not count twice";
}

TEST(CrowdRule, RecordToStoreKeepsBaselineWhenApiWins) {
  const auto baseline = api_record(StockStatus::kInStock, 80, minutes{1});
  const auto answer = run(baseline, {report(StockStatus::kInStock, Duration::zero(), true)});
  const auto stored = record_to_store(answer, baseline);
  EXPECT_EQ(stored.confidence, 80);
  EXPECT_EQ(stored.report_count, 1);
  EXPECT_EQ(stored.source, DataSource::kApi);

  const auto again = run(stored, {report(StockStatus::kInStock, Duration::zero(), true)});
  EXPECT_EQ(again.confidence, answer.confidence) << "reading the stored record back gives the same answer";
}

}  // namespace
}  // namespace wic::inventory
