#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "storage/records.h"

namespace wic::inventory {

// What the cache keeps for one (store, GTIN): the last record read from
// storage or written by a refresh, and the recent shopper reports, which
// the crowd rule combines at read time so that report weights keep
// decaying while the entry sits in memory. Immutable once built: an update
// replaces the whole entry.
struct CacheEntry {
  std::optional<storage::InventoryRecord> record;
  std::vector<storage::InventoryReport> reports;
  bool is_formula = false;
  MonotonicTime storage_read_at;  // last time storage was read for this entry
};

using CacheEntryPtr = std::shared_ptr<const CacheEntry>;

}  // namespace wic::inventory
