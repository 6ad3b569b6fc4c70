#pragma once

#include <memory>

#include "ratelimit/quota_ledger.h"
#include "storage/storage.h"

namespace wic::ratelimit {

// Ledger in the service's storage, shared by every process that uses the
// same database: spent quota survives a restart, and the API and sync
// processes of one deployment take from one quota (Storage::try_take_quota
// is atomic across processes). A failed write is logged and swallowed, and
// a failed take counts as refused, so a storage outage never overspends.
class StorageQuotaLedger final : public QuotaLedger {
 public:
  explicit StorageQuotaLedger(std::shared_ptr<storage::Storage> storage);

  std::int64_t add(const std::string& key, SystemTime slot_start, std::int64_t count) override;
  std::int64_t spent(const std::string& key, SystemTime slot_start) override;
  bool shared() const override { return true; }
  bool try_take(const std::string& key, SystemTime window_start, SystemTime slot_start, std::int64_t count,
                std::int64_t limit) override;

 private:
  std::shared_ptr<storage::Storage> storage_;
};

}  // namespace wic::ratelimit
