#include "sync/refresh_plan.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace wic::sync {
namespace {

// Score of a target never fetched: above any real staleness.
constexpr double kNeverFetched = 1e6;

struct Ranked {
  const RefreshTarget* target = nullptr;
  bool due = false;
  double staleness = 0;  // age over freshness: 1 is exactly at the freshness target
  double score = 0;
};

Ranked rank(const RefreshTarget& target, const PlanSettings& settings) {
  const Duration freshness = target.formula ? settings.formula_freshness : settings.other_freshness;
  Ranked ranked{&target};
  if (!target.last_updated) {
    ranked.due = true;
    ranked.staleness = kNeverFetched;
  } else {
    const auto age = std::chrono::duration<double>(settings.now - *target.last_updated);
    ranked.staleness = age / std::chrono::duration<double>(freshness);
    ranked.due = age + settings.horizon >= freshness;
  }
  ranked.score = ranked.staleness * (1 + std::log1p(std::max(0.0, target.requests)));
  return ranked;
}

bool before(const Ranked& a, const Ranked& b) {
  if (a.due != b.due) {
    return a.due;
  }
  if (a.target->formula != b.target->formula) {
    return a.target->formula;
  }
  return a.score > b.score;
}

// Batches of one group of targets that share a call: one store, or all of
// an online-only retailer's mapped products.
void batch_group(std::vector<Ranked> group, std::size_t batch_size, std::vector<PlannedBatch>& out) {
  std::sort(group.begin(), group.end(), before);
  const auto first_not_due = std::find_if(group.begin(), group.end(), [](const Ranked& r) { return !r.due; });
  std::vector<Ranked> riders(first_not_due, group.end());
  std::sort(riders.begin(), riders.end(), [](const Ranked& a, const Ranked& b) { return a.staleness > b.staleness; });
  auto rider = riders.begin();

  for (auto start = group.begin(); start != first_not_due;) {
    const auto end = start + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(batch_size), first_not_due - start);
    PlannedBatch batch{start->target->store, {}, start->target->formula, start->score, 0, 0};
    for (auto it = start; it != end; ++it) {
      batch.gtins.push_back(it->target->gtin);
      ++(it->target->formula ? batch.due_formula : batch.due_other);
    }
    while (batch.gtins.size() < batch_size && rider != riders.end()) {
      batch.gtins.push_back((rider++)->target->gtin);
    }
    out.push_back(std::move(batch));
    start = end;
  }
}

}  // namespace

RefreshPlan plan_refreshes(const std::vector<RefreshTarget>& targets, const PlanSettings& settings) {
  RefreshPlan plan;
  std::map<StoreId, std::vector<Ranked>> groups;
  std::vector<PlannedBatch> batches;

  for (const RefreshTarget& target : targets) {
    const Ranked ranked = rank(target, settings);
    if (ranked.due) {
      ++(target.formula ? plan.due_formula : plan.due_other);
    }
    if (target.needs_lookup) {
      // A UPC lookup answers one product, so it cannot share a call.
      if (ranked.due) {
        batches.push_back(PlannedBatch{target.store, {target.gtin}, target.formula, ranked.score,
                                       target.formula ? 1 : 0, target.formula ? 0 : 1});
      }
      continue;
    }
    groups[target.store].push_back(ranked);
  }
  for (auto& [store, group] : groups) {
    batch_group(std::move(group), std::max<std::size_t>(1, settings.batch_size), batches);
  }

  std::stable_sort(batches.begin(), batches.end(), [](const PlannedBatch& a, const PlannedBatch& b) {
    if (a.formula != b.formula) {
      return a.formula;
    }
    return a.score > b.score;
  });

  // Each batch is one call.
  for (PlannedBatch& batch : batches) {
    const std::int64_t limit = batch.formula ? settings.budget : settings.budget - settings.formula_reserve;
    if (static_cast<std::int64_t>(plan.batches.size()) < limit) {
      plan.batches.push_back(std::move(batch));
    } else {
      plan.deferred_formula += batch.due_formula;
      plan.deferred_other += batch.due_other;
    }
  }
  return plan;
}

}  // namespace wic::sync
