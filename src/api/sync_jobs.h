#pragma once

#include <cstdint>
#include <vector>

#include "core/gtin.h"
#include "core/result.h"
#include "core/retailer.h"
#include "core/store_id.h"

namespace wic::api {

// What POST /api/v1/inventory/sync asks for.
struct SyncJobRequest {
  Retailer retailer = Retailer::kWalmart;
  std::vector<StoreId> stores;  // empty: every store of the retailer
  std::vector<Gtin> gtins;      // empty: see formula_only
  bool formula_only = false;    // with no GTINs: formula only, else every tracked product
};

// Starts sync jobs in the background. The sync engine implements it; the
// API reads a job's progress from storage.
class SyncJobs {
 public:
  virtual ~SyncJobs() = default;
  // Records a pending job, starts it and returns its id at once. Fails
  // when the job cannot be started, with a message naming the reason.
  virtual Result<std::int64_t> start(const SyncJobRequest& request) = 0;
};

}  // namespace wic::api
