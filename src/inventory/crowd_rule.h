#pragma once

#include <optional>
#include <span>
#include <vector>

#include "inventory/inventory_options.h"
#include "inventory/item_answer.h"
#include "storage/records.h"

namespace wic::inventory {

// The weighted opinion of recent shopper reports about one item.
struct CrowdSummary {
  int report_count = 0;               // reports inside the window
  std::optional<StockStatus> status;  // the status with the most weight
  double support = 0;                 // weight behind `status`
  double opposition = 0;              // weight behind every other status
  int confidence = 0;                 // 0 to options.max_confidence
  // The newest report behind `status`: its time, range and aisle are the
  // crowd's answer.
  std::optional<storage::InventoryReport> latest;
};

// Weight of a report of age `age`: its base weight (identified or
// anonymous) halved every half-life; 0 outside the window.
double report_weight(const storage::InventoryReport& report, Duration age, const CrowdRuleOptions& options);

// Sums the weights of `reports` by status at `now`. Crowd confidence is
// 100 * support / (support + opposition + 1), capped: one new anonymous
// report gives 33, one identified 50, two agreeing identified 67.
CrowdSummary summarize_reports(std::span<const storage::InventoryReport> reports, SystemTime now,
                               const CrowdRuleOptions& options);

// Everything the rule needs to answer for one item.
struct RuleInput {
  StoreId store_id;
  Gtin gtin;
  // The last retailer (or manual) record. A stored record whose source is
  // the crowd is ignored: it was derived from the same reports.
  std::optional<storage::InventoryRecord> baseline;
  // Recent reports, viewed in place: the rule runs on every read, and a
  // much-reported item has up to the cache's cap of reports.
  std::span<const storage::InventoryReport> reports;
  Duration ttl{};
};

// Combines the retailer record with shoppers' reports at `now`:
// - agreeing reports raise the record's confidence, disagreeing ones lower it;
// - the crowd's status replaces the record's when its confidence is higher
//   and either the record is stale or the crowd's support reaches
//   options.crowd.override_support, so one anonymous report never overrides
//   a fresh API answer;
// - without a usable record the crowd's status is the answer.
ItemAnswer combine(const RuleInput& input, SystemTime now, const InventoryOptions& options);

// The record to store after a report: the crowd's answer when it won, else
// the baseline unchanged except for its report count. Storing the baseline
// unchanged keeps the rule's result the same when the record is read back
// and combined with the same reports again.
storage::InventoryRecord record_to_store(const ItemAnswer& answer, const std::optional<storage::InventoryRecord>& baseline);

}  // namespace wic::inventory
