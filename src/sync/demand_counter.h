#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/clock.h"
#include "core/gtin.h"
#include "core/store_id.h"

namespace wic::sync {

// How often families ask for a product at a store, so the scheduler
// refreshes the most requested pairs first when the quota runs short. The
// inventory service calls record() on each lookup. Counts halve every day,
// so yesterday's demand weighs half as much as today's. Thread-safe.
class DemandCounter {
 public:
  explicit DemandCounter(std::shared_ptr<Clock> clock);

  void record(const StoreId& store, const Gtin& gtin, std::int64_t count = 1);
  // Decayed requests for the pair, and for the product at every store.
  double requests(const StoreId& store, const Gtin& gtin) const;
  double requests(const Gtin& gtin) const;

 private:
  struct Count {
    double value = 0;
    std::int64_t day = 0;  // days since the epoch when `value` was last decayed
  };
  static double decayed(const Count& count, std::int64_t today);
  std::int64_t today() const;

  std::shared_ptr<Clock> clock_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Count> by_pair_;  // (store, GTIN-14); guarded by mutex_
  std::map<std::string, Count> by_product_;                       // GTIN-14; guarded by mutex_
};

}  // namespace wic::sync
