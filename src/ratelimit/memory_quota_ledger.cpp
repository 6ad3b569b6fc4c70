#include "ratelimit/memory_quota_ledger.h"

namespace wic::ratelimit {

std::int64_t MemoryQuotaLedger::add(const std::string& key, SystemTime slot_start, std::int64_t count) {
  std::lock_guard lock(mutex_);
  return spent_[{key, slot_start}] += count;
}

std::int64_t MemoryQuotaLedger::spent(const std::string& key, SystemTime slot_start) {
  std::lock_guard lock(mutex_);
  const auto it = spent_.find({key, slot_start});
  return it == spent_.end() ? 0 : it->second;
}

}  // namespace wic::ratelimit
