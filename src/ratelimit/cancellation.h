#pragma once

#include <atomic>

namespace wic::ratelimit {

// Flag that asks a blocking acquire to give up. One thread calls cancel(),
// any number of waiters poll cancelled(). Thread-safe.
class CancellationToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace wic::ratelimit
