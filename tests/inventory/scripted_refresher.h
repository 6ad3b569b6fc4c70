#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "inventory/refresher.h"
#include "storage/storage.h"

namespace wic::testing {

// Test double of the Refresher: answers every refresh with a status the test
// sets, writes it to storage as the real refresher does, and can hold each
// call until the test opens a gate, so a test controls when a refresh ends.
// The real refresher over the retailer sandbox is tested in the API
// degradation tests.
class ScriptedRefresher final : public inventory::Refresher {
 public:
  ScriptedRefresher(storage::Storage& storage, std::shared_ptr<Clock> clock)
      : storage_(storage), clock_(std::move(clock)) {}

  Result<std::vector<storage::InventoryRecord>> refresh(const StoreId& store,
                                                        const std::vector<Gtin>& gtins) override {
    calls_.fetch_add(1);
    {
      std::unique_lock lock(mutex_);
      ++waiting_;
      changed_.notify_all();
      changed_.wait(lock, [this] { return gate_open_; });
      --waiting_;
    }
    if (fail_.load()) {
      return Error{"retailer_unavailable", "the retailer answered 503"};
    }
    std::vector<storage::InventoryRecord> records;
    for (const auto& gtin : gtins) {
      records.push_back(storage::InventoryRecord{store, gtin, status_.load(), 12, std::nullopt, std::string("A7"),
                                                 clock_->system_now(), DataSource::kApi, 80, 0});
    }
    storage_.write_inventory(records);
    return records;
  }

  bool can_call(Retailer) override { return can_call_.load(); }

  std::vector<inventory::RetailerHealth> health() override {
    inventory::RetailerHealth health;
    health.retailer = Retailer::kKroger;
    health.quota_remaining = can_call_.load() ? 100 : 0;
    health.calls_ok = calls_.load();
    return {health};
  }

  // Holds every refresh until open_gate().
  void close_gate() {
    std::lock_guard lock(mutex_);
    gate_open_ = false;
  }
  void open_gate() {
    {
      std::lock_guard lock(mutex_);
      gate_open_ = true;
    }
    changed_.notify_all();
  }
  // Blocks until `count` refreshes wait at the closed gate.
  void wait_for_waiting(int count) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_ >= count; });
  }

  int calls() const { return calls_.load(); }
  void set_status(StockStatus status) { status_ = status; }
  void set_failing(bool failing) { fail_ = failing; }
  void set_can_call(bool allowed) { can_call_ = allowed; }

 private:
  storage::Storage& storage_;
  std::shared_ptr<Clock> clock_;
  std::atomic<int> calls_{0};
  std::atomic<StockStatus> status_{StockStatus::kInStock};
  std::atomic<bool> fail_{false};
  std::atomic<bool> can_call_{true};

  std::mutex mutex_;
  std::condition_variable changed_;
  bool gate_open_ = true;
  int waiting_ = 0;
};

}  // namespace wic::testing
