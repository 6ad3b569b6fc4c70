#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "inventory/refresher.h"

namespace wic::inventory {

// One refresh of one (store, GTIN), shared by every request that waits for it.
class PendingRefresh {
 public:
  enum class State { kRunning, kSucceeded, kFailed };

  // Waits at most `timeout` of wall time for the refresh to end and returns
  // its state then. Wall time because the wait is for a retailer's network
  // answer; nothing in it is scheduled.
  State wait_for(std::chrono::milliseconds timeout);
  void finish(State state);

 private:
  std::mutex mutex_;
  std::condition_variable finished_;
  State state_ = State::kRunning;
};

// Counters of background refreshes since start.
struct RefreshCounts {
  std::int64_t started = 0;
  std::int64_t succeeded = 0;
  std::int64_t failed = 0;
  std::int64_t joined = 0;   // requests that found a refresh of their item already running
  std::int64_t skipped = 0;  // not started: the retailer's quota or breaker said no
  std::int64_t throttled = 0;  // not started: the item was refreshed within the retry interval
};

// Runs refreshes in the background, at most one per (store, GTIN) however
// many requests ask, only when the refresher says the retailer may be
// called now, and not again for the same item within `retry_interval` of
// the last one's end: a retailer that has no record of the item, or keeps
// failing, is not asked on every request. Thread-safe.
class RefreshCoordinator {
 public:
  using RecordsWritten = std::function<void(const std::vector<storage::InventoryRecord>&)>;

  // `refresher` may be null: then nothing is ever refreshed. `on_written`
  // receives the records of every successful refresh.
  RefreshCoordinator(std::shared_ptr<Refresher> refresher, RecordsWritten on_written, int threads,
                     std::shared_ptr<Clock> clock, Duration retry_interval);
  ~RefreshCoordinator();  // calls shutdown()

  // Starts a refresh of `gtin` at `store`, or joins the one running.
  // Returns null when no refresh runs: no refresher, the item was refreshed
  // within the retry interval, the retailer may not be called now, or the
  // coordinator is shutting down.
  std::shared_ptr<PendingRefresh> request(const StoreId& store, const Gtin& gtin);
  bool is_running(const std::string& key) const;

  // Stops taking requests and waits for the refreshes already running, so
  // their records are written before the process exits. Idempotent.
  void shutdown();

  RefreshCounts counts() const;
  bool has_refresher() const { return refresher_ != nullptr; }
  Refresher* refresher() const { return refresher_.get(); }

 private:
  void run(const StoreId& store, const Gtin& gtin, const std::string& key, std::shared_ptr<PendingRefresh> pending);
  bool refreshed_recently_locked(const std::string& key, MonotonicTime now);

  std::shared_ptr<Refresher> refresher_;
  RecordsWritten on_written_;
  std::shared_ptr<Clock> clock_;
  const Duration retry_interval_;
  boost::asio::thread_pool pool_;

  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<PendingRefresh>> running_;  // guarded by mutex_
  // When each item's last refresh ended; entries older than the retry
  // interval are pruned as the map grows.
  std::unordered_map<std::string, MonotonicTime> last_ended_;  // guarded by mutex_
  bool stopping_ = false;                                       // guarded by mutex_

  std::atomic<std::int64_t> started_{0};
  std::atomic<std::int64_t> succeeded_{0};
  std::atomic<std::int64_t> failed_{0};
  std::atomic<std::int64_t> joined_{0};
  std::atomic<std::int64_t> skipped_{0};
  std::atomic<std::int64_t> throttled_{0};
};

}  // namespace wic::inventory
