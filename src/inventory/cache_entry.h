#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "inventory/item_answer.h"
#include "storage/records.h"

namespace wic::inventory {

// Answer combined from an entry's reports, kept for one second of the
// clock. The crowd rule weighs up to 100 reports at each read, and its
// result changes only as their weights decay, so an answer up to a second
// old is served instead. A copied entry is about to change, so the copy's
// memo starts empty. Thread-safe.
class AnswerMemo {
 public:
  AnswerMemo() = default;
  AnswerMemo(const AnswerMemo&) {}
  AnswerMemo& operator=(const AnswerMemo&) {
    std::lock_guard lock(mutex_);
    answer_.reset();
    return *this;
  }

  // The answer kept for `second` (seconds since the epoch), if any.
  std::optional<ItemAnswer> find(std::int64_t second) const {
    std::lock_guard lock(mutex_);
    return second == second_ ? answer_ : std::nullopt;
  }
  void keep(std::int64_t second, const ItemAnswer& answer) const {
    std::lock_guard lock(mutex_);
    second_ = second;
    answer_ = answer;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::int64_t second_ = std::numeric_limits<std::int64_t>::min();
  mutable std::optional<ItemAnswer> answer_;
};

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
  AnswerMemo combined;            // used only when there are reports
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
