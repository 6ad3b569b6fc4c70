#include "ratelimit/storage_quota_ledger.h"

#include <spdlog/spdlog.h>

namespace wic::ratelimit {

StorageQuotaLedger::StorageQuotaLedger(std::shared_ptr<storage::Storage> storage) : storage_(std::move(storage)) {}

std::int64_t StorageQuotaLedger::add(const std::string& key, SystemTime slot_start, std::int64_t count) {
  try {
    return storage_->add_quota_spend(key, slot_start, count);
  } catch (const storage::StorageError& error) {
    spdlog::error("quota ledger: recording {} requests for {} failed, a restart may spend them again: {}", count,
                  key, error.what());
    return 0;
  }
}

std::int64_t StorageQuotaLedger::spent(const std::string& key, SystemTime slot_start) {
  try {
    return storage_->quota_spent(key, slot_start);
  } catch (const storage::StorageError& error) {
    // NOTE: counting 0 here may spend again what a previous process spent in
    // this slot; the error log is the only trace of it.
    spdlog::error("quota ledger: reading spent quota for {} failed, counting it as 0: {}", key, error.what());
    return 0;
  }
}

bool StorageQuotaLedger::try_take(const std::string& key, SystemTime window_start, SystemTime slot_start,
                                  std::int64_t count, std::int64_t limit) {
  try {
    return storage_->try_take_quota(key, window_start, slot_start, count, limit);
  } catch (const storage::StorageError& error) {
    spdlog::error("quota ledger: taking {} requests from {} failed, refusing them: {}", count, key, error.what());
    return false;
  }
}

}  // namespace wic::ratelimit
