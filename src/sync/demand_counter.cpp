#include "sync/demand_counter.h"

#include <cmath>

namespace wic::sync {

DemandCounter::DemandCounter(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

void DemandCounter::record(const StoreId& store, const Gtin& gtin, std::int64_t count) {
  const std::int64_t day = today();
  std::lock_guard lock(mutex_);
  for (Count* entry : {&by_pair_[{store.str(), gtin.gtin14()}], &by_product_[gtin.gtin14()]}) {
    entry->value = decayed(*entry, day) + static_cast<double>(count);
    entry->day = day;
  }
}

double DemandCounter::requests(const StoreId& store, const Gtin& gtin) const {
  const std::int64_t day = today();
  std::lock_guard lock(mutex_);
  const auto it = by_pair_.find({store.str(), gtin.gtin14()});
  return it == by_pair_.end() ? 0 : decayed(it->second, day);
}

double DemandCounter::requests(const Gtin& gtin) const {
  const std::int64_t day = today();
  std::lock_guard lock(mutex_);
  const auto it = by_product_.find(gtin.gtin14());
  return it == by_product_.end() ? 0 : decayed(it->second, day);
}

double DemandCounter::decayed(const Count& count, std::int64_t today) {
  return count.value * std::pow(0.5, static_cast<double>(today - count.day));
}

std::int64_t DemandCounter::today() const {
  return std::chrono::duration_cast<std::chrono::days>(clock_->system_now().time_since_epoch()).count();
}

}  // namespace wic::sync
