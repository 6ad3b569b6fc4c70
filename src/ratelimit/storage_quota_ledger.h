#pragma once

#include <memory>

#include "ratelimit/quota_ledger.h"
#include "storage/storage.h"

namespace wic::ratelimit {

// Ledger in the service's storage (Storage::add_quota_spend), so spent quota
// survives a restart. A storage failure is logged and swallowed: the
// limiter's in-memory count still holds for this process.
class StorageQuotaLedger final : public QuotaLedger {
 public:
  explicit StorageQuotaLedger(std::shared_ptr<storage::Storage> storage);

  std::int64_t add(const std::string& key, SystemTime slot_start, std::int64_t count) override;
  std::int64_t spent(const std::string& key, SystemTime slot_start) override;

 private:
  std::shared_ptr<storage::Storage> storage_;
};

}  // namespace wic::ratelimit
