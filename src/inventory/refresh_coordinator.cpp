#include "inventory/refresh_coordinator.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "inventory/inventory_cache.h"

namespace wic::inventory {

PendingRefresh::State PendingRefresh::wait_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  finished_.wait_for(lock, timeout, [this] { return state_ != State::kRunning; });
  return state_;
}

void PendingRefresh::finish(State state) {
  {
    std::lock_guard lock(mutex_);
    state_ = state;
  }
  finished_.notify_all();
}

namespace {

// Size of the last-ended map at which expired entries are pruned.
constexpr std::size_t kPruneAt = 100000;

}  // namespace

RefreshCoordinator::RefreshCoordinator(std::shared_ptr<Refresher> refresher, RecordsWritten on_written, int threads,
                                       std::shared_ptr<Clock> clock, Duration retry_interval)
    : refresher_(std::move(refresher)),
      on_written_(std::move(on_written)),
      clock_(std::move(clock)),
      retry_interval_(retry_interval),
      pool_(static_cast<std::size_t>(std::max(1, threads))) {}

RefreshCoordinator::~RefreshCoordinator() { shutdown(); }

std::shared_ptr<PendingRefresh> RefreshCoordinator::request(const StoreId& store, const Gtin& gtin) {
  if (refresher_ == nullptr) {
    return nullptr;
  }
  const std::string key = cache_key(store, gtin);
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return nullptr;
    }
    if (const auto found = running_.find(key); found != running_.end()) {
      joined_.fetch_add(1, std::memory_order_relaxed);
      return found->second;
    }
    if (refreshed_recently_locked(key, clock_->monotonic_now())) {
      throttled_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
  }

  // Asked outside the lock: the refresher may take its own locks.
  if (!refresher_->can_call(store.retailer())) {
    // Counted as an attempt, so the refresher is not asked again for this
    // item on every request while its retailer is unavailable.
    {
      std::lock_guard lock(mutex_);
      last_ended_[key] = clock_->monotonic_now();
    }
    skipped_.fetch_add(1, std::memory_order_relaxed);
    spdlog::debug("inventory: refresh skipped, retailer={} store={} gtin={}: quota spent or breaker open",
                  to_string(store.retailer()), store.str(), gtin.gtin14());
    return nullptr;
  }

  std::shared_ptr<PendingRefresh> pending;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return nullptr;
    }
    auto [slot, inserted] = running_.try_emplace(key, nullptr);
    if (!inserted) {
      joined_.fetch_add(1, std::memory_order_relaxed);
      return slot->second;
    }
    slot->second = pending = std::make_shared<PendingRefresh>();
  }

  started_.fetch_add(1, std::memory_order_relaxed);
  boost::asio::post(pool_, [this, store, gtin, key, pending] { run(store, gtin, key, pending); });
  return pending;
}

void RefreshCoordinator::run(const StoreId& store, const Gtin& gtin, const std::string& key,
                             std::shared_ptr<PendingRefresh> pending) {
  PendingRefresh::State state = PendingRefresh::State::kFailed;
  try {
    auto written = refresher_->refresh(store, {gtin});
    if (written) {
      on_written_(*written);
      state = PendingRefresh::State::kSucceeded;
      spdlog::debug("inventory: refreshed retailer={} store={} gtin={} records={}", to_string(store.retailer()),
                    store.str(), gtin.gtin14(), written->size());
    } else {
      spdlog::info("inventory: refresh failed, retailer={} store={} gtin={}: {} ({})", to_string(store.retailer()),
                   store.str(), gtin.gtin14(), written.error().message, written.error().code);
    }
  } catch (const std::exception& error) {
    spdlog::error("inventory: refresh threw, retailer={} store={} gtin={}: {}", to_string(store.retailer()),
                  store.str(), gtin.gtin14(), error.what());
  }

  (state == PendingRefresh::State::kSucceeded ? succeeded_ : failed_).fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(mutex_);
    running_.erase(key);
    last_ended_[key] = clock_->monotonic_now();
  }
  pending->finish(state);
}

bool RefreshCoordinator::refreshed_recently_locked(const std::string& key, MonotonicTime now) {
  if (last_ended_.size() >= kPruneAt) {
    std::erase_if(last_ended_, [&](const auto& entry) { return now - entry.second >= retry_interval_; });
  }
  const auto found = last_ended_.find(key);
  return found != last_ended_.end() && now - found->second < retry_interval_;
}

bool RefreshCoordinator::is_running(const std::string& key) const {
  std::lock_guard lock(mutex_);
  return running_.contains(key);
}

void RefreshCoordinator::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  pool_.join();
}

RefreshCounts RefreshCoordinator::counts() const {
  return RefreshCounts{started_.load(), succeeded_.load(), failed_.load(),
                       joined_.load(),  skipped_.load(),   throttled_.load()};
}

}  // namespace wic::inventory
