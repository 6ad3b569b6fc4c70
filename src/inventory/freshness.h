#pragma once

#include "core/clock.h"
#include "inventory/inventory_options.h"
#include "storage/records.h"

namespace wic::inventory {

// Time to live of data about a product: formula has its own, shorter one.
Duration time_to_live(const InventoryOptions& options, bool is_formula);

// Whether data updated at `last_updated` is older than `ttl` at `now`.
bool is_stale(SystemTime last_updated, SystemTime now, Duration ttl);

// Confidence of data of age `age` that had `confidence` when new: unchanged
// up to the time to live, then scaled by ttl / age, so it halves at twice
// the TTL and quarters at four times.
int aged_confidence(int confidence, Duration age, Duration ttl);

}  // namespace wic::inventory
