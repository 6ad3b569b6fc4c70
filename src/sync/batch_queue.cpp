#include "sync/batch_queue.h"

namespace wic::sync {

BatchQueue::BatchQueue(std::vector<Batch> batches)
    : batches_(std::make_move_iterator(batches.begin()), std::make_move_iterator(batches.end())) {}

std::optional<Batch> BatchQueue::pop() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !batches_.empty() || in_flight_ == 0; });
  if (batches_.empty()) {
    return std::nullopt;
  }
  Batch batch = std::move(batches_.front());
  batches_.pop_front();
  ++in_flight_;
  return batch;
}

void BatchQueue::push(Batch batch) {
  {
    std::lock_guard lock(mutex_);
    batches_.push_back(std::move(batch));
  }
  changed_.notify_one();
}

void BatchQueue::finish() {
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
  }
  changed_.notify_all();
}

}  // namespace wic::sync
