#include "inventory/crowd_rule.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "inventory/freshness.h"

namespace wic::inventory {
namespace {

constexpr int kMaxAgreedConfidence = 99;

std::int64_t age_in_seconds(SystemTime last_updated, SystemTime now) {
  return std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(now - last_updated).count());
}

bool is_usable_baseline(const std::optional<storage::InventoryRecord>& baseline) {
  return baseline && baseline->source != DataSource::kCrowdsourced;
}

ItemAnswer empty_answer(const RuleInput& input) {
  return ItemAnswer(input.store_id, input.gtin);
}

// The record as served on its own: aged confidence, and `unknown` once it
// is older than options.unknown_after.
ItemAnswer record_answer(const RuleInput& input, const storage::InventoryRecord& record, SystemTime now,
                         const InventoryOptions& options) {
  ItemAnswer answer = empty_answer(input);
  const Duration age = now - record.last_updated;
  answer.status = record.status;
  answer.quantity = record.quantity;
  answer.quantity_range = record.quantity_range;
  answer.aisle = record.aisle;
  answer.last_updated = record.last_updated;
  answer.age_seconds = age_in_seconds(record.last_updated, now);
  answer.stale = is_stale(record.last_updated, now, input.ttl);
  answer.source = record.source;
  answer.confidence = aged_confidence(record.confidence, age, input.ttl);

  if (age > options.unknown_after) {
    answer.status = StockStatus::kUnknown;
    answer.quantity.reset();
    answer.quantity_range.reset();
    answer.confidence = 0;
  }
  return answer;
}

ItemAnswer crowd_answer(const RuleInput& input, const CrowdSummary& crowd, SystemTime now) {
  ItemAnswer answer = empty_answer(input);
  const auto& latest = *crowd.latest;
  answer.status = *crowd.status;
  answer.quantity_range = latest.quantity_range;
  answer.aisle = latest.aisle;
  if (!answer.aisle && is_usable_baseline(input.baseline)) {
    answer.aisle = input.baseline->aisle;
  }
  answer.last_updated = latest.reported_at;
  answer.age_seconds = age_in_seconds(latest.reported_at, now);
  answer.stale = is_stale(latest.reported_at, now, input.ttl);
  answer.source = DataSource::kCrowdsourced;
  answer.confidence = crowd.confidence;
  answer.report_count = crowd.report_count;
  return answer;
}

}  // namespace

double report_weight(const storage::InventoryReport& report, Duration age, const CrowdRuleOptions& options) {
  if (age > options.window) {
    return 0;
  }
  const double base = report.user_id ? options.identified_weight : options.anonymous_weight;
  const double half_lives =
      std::chrono::duration<double>(std::max(age, Duration::zero())) / std::chrono::duration<double>(options.half_life);
  return base * std::exp2(-half_lives);
}

CrowdSummary summarize_reports(std::span<const storage::InventoryReport> reports, SystemTime now,
                               const CrowdRuleOptions& options) {
  constexpr std::size_t kStatuses = 4;
  std::array<double, kStatuses> weight_by_status{};
  std::array<const storage::InventoryReport*, kStatuses> latest_by_status{};
  CrowdSummary summary;

  for (const auto& report : reports) {
    const double weight = report_weight(report, now - report.reported_at, options);
    if (weight <= 0) {
      continue;
    }
    const auto index = static_cast<std::size_t>(report.status);
    weight_by_status[index] += weight;
    if (latest_by_status[index] == nullptr || latest_by_status[index]->reported_at <= report.reported_at) {
      latest_by_status[index] = &report;
    }
    ++summary.report_count;
  }
  if (summary.report_count == 0) {
    return summary;
  }

  const auto best = static_cast<std::size_t>(
      std::max_element(weight_by_status.begin(), weight_by_status.end()) - weight_by_status.begin());
  double total = 0;
  for (double weight : weight_by_status) {
    total += weight;
  }
  summary.status = static_cast<StockStatus>(best);
  summary.support = weight_by_status[best];
  summary.opposition = total - summary.support;
  summary.latest = *latest_by_status[best];
  const double confidence = 100 * summary.support / (summary.support + summary.opposition + 1);
  summary.confidence = std::min(options.max_confidence, static_cast<int>(std::lround(confidence)));
  return summary;
}

ItemAnswer combine(const RuleInput& input, SystemTime now, const InventoryOptions& options) {
  const CrowdSummary crowd = summarize_reports(input.reports, now, options.crowd);
  const bool has_record = is_usable_baseline(input.baseline);

  if (!crowd.status) {
    return has_record ? record_answer(input, *input.baseline, now, options) : empty_answer(input);
  }
  if (!has_record) {
    return crowd_answer(input, crowd, now);
  }

  ItemAnswer answer = record_answer(input, *input.baseline, now, options);
  answer.report_count = crowd.report_count;
  if (answer.status == StockStatus::kUnknown) {
    return crowd_answer(input, crowd, now);
  }

  if (*crowd.status == answer.status) {
    // Agreement closes half of the gap to certainty, scaled by the crowd's
    // own confidence.
    const int raised = answer.confidence + (100 - answer.confidence) * crowd.confidence / 200;
    answer.confidence = std::min(kMaxAgreedConfidence, raised);
    return answer;
  }

  const bool enough_support = answer.stale || crowd.support >= options.crowd.override_support;
  if (crowd.confidence > answer.confidence && enough_support) {
    return crowd_answer(input, crowd, now);
  }
  answer.confidence = answer.confidence * (200 - crowd.confidence) / 200;
  return answer;
}

storage::InventoryRecord record_to_store(const ItemAnswer& answer,
                                         const std::optional<storage::InventoryRecord>& baseline) {
  if (answer.source != DataSource::kCrowdsourced && baseline && answer.last_updated) {
    storage::InventoryRecord record = *baseline;
    record.report_count = answer.report_count;
    return record;
  }

  return storage::InventoryRecord{answer.store_id,
                                  answer.gtin,
                                  answer.status,
                                  answer.quantity,
                                  answer.quantity_range,
                                  answer.aisle,
                                  answer.last_updated.value_or(SystemTime{}),
                                  answer.source.value_or(DataSource::kCrowdsourced),
                                  answer.confidence,
                                  answer.report_count};
}

}  // namespace wic::inventory
