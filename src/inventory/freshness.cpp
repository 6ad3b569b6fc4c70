#include "inventory/freshness.h"

#include <cmath>

namespace wic::inventory {

Duration time_to_live(const InventoryOptions& options, bool is_formula) {
  return is_formula ? options.formula_ttl : options.other_ttl;
}

bool is_stale(SystemTime last_updated, SystemTime now, Duration ttl) { return now - last_updated > ttl; }

int aged_confidence(int confidence, Duration age, Duration ttl) {
  if (age <= ttl || ttl <= Duration::zero()) {
    return confidence;
  }
  const double scale = std::chrono::duration<double>(ttl) / std::chrono::duration<double>(age);
  return static_cast<int>(std::lround(confidence * scale));
}

}  // namespace wic::inventory
