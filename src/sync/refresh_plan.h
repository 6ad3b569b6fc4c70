#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "core/gtin.h"
#include "core/store_id.h"
#include "retailers/connector.h"

namespace wic::sync {

// One unit the scheduler keeps fresh: a product at a store, or for
// online-only stock a product at all the retailer's stores at once.
struct RefreshTarget {
  StoreId store;  // for online-only stock, the store that labels the call
  Gtin gtin;
  bool formula = false;
  std::optional<SystemTime> last_updated;  // empty: never fetched
  double requests = 0;        // decayed requests from families
  bool needs_lookup = false;  // Walmart: item id unknown, so it costs a UPC lookup of its own
};

struct PlanSettings {
  retailers::StockScope scope = retailers::StockScope::kPerStore;
  std::size_t batch_size = 50;
  std::int64_t budget = 0;  // calls this round may spend
  // Calls of the budget that only formula may take, so that formula falling
  // due soon still finds them after other products were refreshed.
  std::int64_t formula_reserve = 0;
  SystemTime now;
  Duration formula_freshness = std::chrono::minutes{15};
  Duration other_freshness = std::chrono::hours{24};
  // Time until the next round: a target that would pass its freshness
  // before then is due now.
  Duration horizon = std::chrono::minutes{1};
};

// One call's worth of targets.
struct PlannedBatch {
  StoreId store;
  std::vector<Gtin> gtins;
  bool formula = false;  // contains a due formula target
  double score = 0;      // the highest score of its due targets
  std::int64_t due_formula = 0;  // due targets in it, by kind; the rest ride along
  std::int64_t due_other = 0;
};

struct RefreshPlan {
  std::vector<PlannedBatch> batches;  // in priority order, one call each
  std::int64_t due_formula = 0;       // due targets, by kind
  std::int64_t due_other = 0;
  std::int64_t deferred_formula = 0;  // due targets left out for lack of budget
  std::int64_t deferred_other = 0;
};

// Chooses the calls of one round. Due targets are batched per store (or
// together for online-only stock) up to the batch size, and a batch's free
// places go to the stalest targets that are not due yet, at no extra call.
// Batches are taken in priority order until the budget is spent: formula
// first, then by score, which grows with the time past the target's
// freshness and with its requests.
RefreshPlan plan_refreshes(const std::vector<RefreshTarget>& targets, const PlanSettings& settings);

}  // namespace wic::sync
