#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "inventory/refresher.h"
#include "ratelimit/cancellation.h"
#include "ratelimit/limiter_registry.h"
#include "retailers/connector.h"
#include "storage/storage.h"
#include "sync/call_health.h"
#include "sync/circuit_breaker.h"

namespace wic::sync {

// Called with the records of each write, after it is committed, so that an
// in-process cache can take them. Must not throw; may run on any thread.
using RecordsWritten = std::function<void(const std::vector<storage::InventoryRecord>&)>;

// Outcome of one batch of GTINs at one store.
struct BatchOutcome {
  std::vector<retailers::Availability> answers;  // one per requested GTIN; empty when rejected
  std::vector<storage::InventoryRecord> written;
  int requests = 0;  // retailer API calls spent
  // The first error of the batch, or why it was rejected.
  std::optional<retailers::RetailerError> error;
  // Nothing was asked: the breaker is open or the quota is spent.
  bool rejected = false;
};

// What to do with GTINs whose answer failed.
enum class FailedAnswers {
  kWriteUnknown,  // write them as unknown now
  kSkip,          // write nothing for them, so the caller can retry
};

struct RefresherOptions {
  BreakerOptions breaker;
  std::size_t error_rate_window = 50;  // calls the recent error rate looks at
};

// Refresher over the retailer connectors: asks the store's retailer, copies
// an online-only answer (Walmart) to every store of the retailer, writes all
// records in one transaction and keeps a circuit breaker and call counts
// per retailer. The sync engine and the inventory service share one.
// Thread-safe.
class ConnectorRefresher final : public inventory::Refresher {
 public:
  struct Dependencies {
    std::map<Retailer, std::shared_ptr<retailers::RetailerConnector>> connectors;
    std::shared_ptr<storage::Storage> storage;
    std::shared_ptr<const ratelimit::LimiterRegistry> limiters;  // may be null: quota then reads 0
    std::shared_ptr<Clock> clock;
    bool simulated = false;  // the connectors point at the retailer sandbox
  };

  ConnectorRefresher(Dependencies dependencies, RefresherOptions options = {}, RecordsWritten on_written = {});

  // inventory::Refresher. Every GTIN gets a record; one whose answer failed
  // is written as unknown. Fails, writing nothing, when the breaker is open,
  // the quota is spent or no GTIN got an answer.
  Result<std::vector<storage::InventoryRecord>> refresh(const StoreId& store,
                                                        const std::vector<Gtin>& gtins) override;
  bool can_call(Retailer retailer) override;
  std::vector<inventory::RetailerHealth> health() override;

  // The sync engine's step: one batch with the caller's choice for failed
  // answers. Never throws for a retailer failure; a storage failure throws
  // storage::StorageError.
  BatchOutcome refresh_batch(const StoreId& store, const std::vector<Gtin>& gtins, FailedAnswers failed,
                             const ratelimit::CancellationToken* cancel = nullptr);

  // Writes `gtins` as unknown at `store`, or at every store of the retailer
  // when its answers are online-only. Returns the records written.
  std::vector<storage::InventoryRecord> write_unknown(const StoreId& store, const std::vector<Gtin>& gtins);

  // The connector of `retailer`, or null when it has no credentials.
  std::shared_ptr<retailers::RetailerConnector> connector(Retailer retailer) const;
  std::vector<Retailer> retailers() const;
  // The rate limiter of the retailer's stock endpoint, or null.
  std::shared_ptr<ratelimit::RateLimiter> limiter(Retailer retailer) const;
  // Calls left in the tightest quota window of the retailer's stock
  // endpoint, or in the count its quota headers reported; 0 without a
  // limiter. A short hold after a 429 does not lower it.
  std::int64_t quota_remaining(Retailer retailer) const;
  bool simulated() const { return simulated_; }

 private:
  struct RetailerState {
    std::shared_ptr<retailers::RetailerConnector> connector;
    std::shared_ptr<ratelimit::RateLimiter> limiter;
    std::unique_ptr<CircuitBreaker> breaker;
    std::unique_ptr<CallHealth> calls;
  };

  RetailerState* state_of(Retailer retailer);
  std::vector<StoreId> target_stores(const StoreId& store, retailers::StockScope scope);
  void record_calls(RetailerState& state, const retailers::AvailabilityBatch& batch, SystemTime now);
  std::vector<storage::InventoryRecord> write(std::vector<storage::InventoryRecord> records);

  std::shared_ptr<storage::Storage> storage_;
  std::shared_ptr<const ratelimit::LimiterRegistry> limiters_;
  std::shared_ptr<Clock> clock_;
  const bool simulated_;
  RecordsWritten on_written_;
  std::map<Retailer, RetailerState> states_;  // fixed after construction
};

// The endpoint whose limiter paces a retailer's stock calls:
// "affiliate" for Walmart, "products" for Kroger.
std::string_view stock_endpoint(Retailer retailer);

}  // namespace wic::sync
