#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace wic::ratelimit {

// Durable record of spent quota, so that a process that restarts in the
// middle of a day does not spend the day's quota a second time. `key` names a
// quota window (e.g. "walmart:affiliate:day") and `slot_start` the start of
// one slot of that window. Implementations are thread-safe and must not
// throw: a failed write is logged and the in-memory count still holds.
class QuotaLedger {
 public:
  virtual ~QuotaLedger() = default;

  // Adds `count` requests to the slot and returns its new total.
  virtual std::int64_t add(const std::string& key, SystemTime slot_start, std::int64_t count) = 0;
  // Requests recorded for the slot; 0 when there are none.
  virtual std::int64_t spent(const std::string& key, SystemTime slot_start) = 0;

  // Whether other processes spend from the same ledger. A shared ledger
  // decides every grant through try_take, because this process's own count
  // does not see what the others spent.
  virtual bool shared() const { return false; }

  // Atomically, across processes: adds `count` to the slot at `slot_start`
  // only if the slots from `window_start` on plus `count` stay within
  // `limit`. Returns whether it did. Only shared ledgers implement it.
  virtual bool try_take(const std::string& /*key*/, SystemTime /*window_start*/, SystemTime /*slot_start*/,
                        std::int64_t /*count*/, std::int64_t /*limit*/) {
    return true;
  }
};

}  // namespace wic::ratelimit
