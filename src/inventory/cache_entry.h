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

// Newest reports of one item kept in memory. The rule weighs a report of
// six half-lives under 2%, so older ones beyond this many change nothing a
// shopper would notice, and every read stays bounded however much an item
// is reported.
inline constexpr std::size_t kMaxReportsKept = 100;

// Drops all but the newest kMaxReportsKept of `reports`, which are in the
// order they were reported.
inline void keep_newest_reports(std::vector<storage::InventoryReport>& reports) {
  if (reports.size() > kMaxReportsKept) {
    reports.erase(reports.begin(), reports.end() - static_cast<std::ptrdiff_t>(kMaxReportsKept));
  }
}

}  // namespace wic::inventory
