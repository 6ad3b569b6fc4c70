#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "ratelimit/quota_ledger.h"

namespace wic::ratelimit {

// Ledger kept in memory, for a process without storage and for tests that
// restart a limiter within one process. Thread-safe.
class MemoryQuotaLedger final : public QuotaLedger {
 public:
  std::int64_t add(const std::string& key, SystemTime slot_start, std::int64_t count) override;
  std::int64_t spent(const std::string& key, SystemTime slot_start) override;

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, SystemTime>, std::int64_t> spent_;  // guarded by mutex_
};

}  // namespace wic::ratelimit
