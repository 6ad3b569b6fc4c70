#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "core/gtin.h"
#include "core/store_id.h"

namespace wic::sync {

// One retailer call's worth of work: some GTINs at one store.
struct Batch {
  StoreId store;
  std::vector<Gtin> gtins;
  int attempt = 1;  // 1 for the first try
  // Store-product pairs each GTIN stands for: 1 per store, or the job's
  // store count when one online answer serves them all.
  std::int64_t pairs_per_gtin = 1;
};

// Work queue of a job's workers. A worker that pops a batch may push
// retries of it before calling finish(), so the queue is drained only when
// it is empty and no batch is in flight. Thread-safe.
class BatchQueue {
 public:
  explicit BatchQueue(std::vector<Batch> batches);

  // The next batch; blocks while the queue is empty but batches are in
  // flight. Empty when all work is done.
  std::optional<Batch> pop();
  void push(Batch batch);
  // Ends the batch the caller popped.
  void finish();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> batches_;  // guarded by mutex_
  int in_flight_ = 0;          // guarded by mutex_
};

}  // namespace wic::sync
