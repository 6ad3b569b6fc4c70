#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "ratelimit/acquire.h"
#include "ratelimit/quota_ledger.h"

namespace wic::ratelimit {

// A published limit: at most `limit` requests in any `period`.
struct WindowSpec {
  std::string name;  // "second", "minute", "hour", "day"
  Duration period{};
  std::int64_t limit = 0;
  // Slots the period is split into. More slots track the window more
  // closely. A window is counted in whole slots, so a request passes only
  // when the requests in the last `period` plus one slot stay within the
  // limit.
  int slots = 1;
};

// Status of one window for operators.
struct WindowStatus {
  std::string name;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  // When the oldest counted requests leave the window; empty when the
  // window holds none.
  std::optional<SystemTime> next_refill;
};

// Sliding window of a quota, counted in slots aligned to the Unix epoch on
// system time. Sliding instead of fixed, because retailers start their days
// at different times (Kroger 24 hours after the first call): a sliding count
// stays within every window of length `period`, wherever the retailer starts
// it. Slots with a ledger survive restarts. Not thread-safe: Quota locks.
class QuotaWindow {
 public:
  // `key` names the window in the ledger; `ledger` may be null. Loads the
  // slots of the last period from the ledger. Throws std::invalid_argument
  // for a spec without a positive period, limit or slot count.
  QuotaWindow(WindowSpec spec, std::string key, std::shared_ptr<QuotaLedger> ledger, SystemTime now);

  // Zero when `count` more requests fit now; otherwise how long until they
  // would, or Duration::max() when `count` exceeds the limit.
  Duration time_until(std::int64_t count, SystemTime now);
  void record(std::int64_t count, SystemTime now);
  // With a shared ledger: takes `count` through the ledger, which checks what
  // every process spent, and counts it here too when granted. Without one,
  // or when the ledger is not shared, records and returns true.
  bool take(std::int64_t count, SystemTime now);
  // Counts `count` requests against the current slot without telling the
  // ledger, to follow a retailer that reports less quota left than counted.
  void absorb(std::int64_t count, SystemTime now);
  WindowStatus status(SystemTime now);

  const WindowSpec& spec() const { return spec_; }

 private:
  struct Slot {
    SystemTime start;
    std::int64_t count = 0;
  };

  SystemTime slot_start(SystemTime time) const;
  void drop_expired(SystemTime now);
  std::int64_t used() const;
  void add_to_slot(std::int64_t count, SystemTime now);

  WindowSpec spec_;
  std::string key_;
  std::shared_ptr<QuotaLedger> ledger_;
  SystemTime::duration slot_width_;
  std::deque<Slot> slots_;  // oldest first, only slots that counted something
};

}  // namespace wic::ratelimit
