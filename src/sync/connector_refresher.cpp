#include "sync/connector_refresher.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sync/stock_records.h"

namespace wic::sync {
namespace {

using retailers::ErrorKind;
using retailers::RetailerError;

// Whether an error shows the retailer itself failing, which is what the
// breaker counts. A 429, a rejected credential or an unknown product is not.
bool is_retailer_failure(const RetailerError& error) {
  return error.kind == ErrorKind::kUpstream || error.kind == ErrorKind::kTimeout ||
         error.kind == ErrorKind::kMalformedResponse;
}

bool answered(const retailers::Availability& answer) {
  return !answer.error || answer.error->kind == ErrorKind::kNotFound;
}

RetailerError rejection(ErrorKind kind, std::string message) {
  RetailerError error;
  error.kind = kind;
  error.message = std::move(message);
  return error;
}

}  // namespace

std::string_view stock_endpoint(Retailer retailer) {
  return retailer == Retailer::kWalmart ? "affiliate" : "products";
}

ConnectorRefresher::ConnectorRefresher(Dependencies dependencies, RefresherOptions options, RecordsWritten on_written)
    : storage_(std::move(dependencies.storage)),
      limiters_(std::move(dependencies.limiters)),
      clock_(std::move(dependencies.clock)),
      simulated_(dependencies.simulated),
      on_written_(std::move(on_written)) {
  for (auto& [retailer, connector] : dependencies.connectors) {
    if (connector == nullptr) {
      continue;
    }
    RetailerState state;
    state.connector = connector;
    state.limiter = limiters_ ? limiters_->find(retailer, stock_endpoint(retailer)) : nullptr;
    state.breaker = std::make_unique<CircuitBreaker>(options.breaker, clock_);
    state.calls = std::make_unique<CallHealth>(options.error_rate_window);
    states_.emplace(retailer, std::move(state));
  }
}

Result<std::vector<storage::InventoryRecord>> ConnectorRefresher::refresh(const StoreId& store,
                                                                          const std::vector<Gtin>& gtins) {
  BatchOutcome outcome = refresh_batch(store, gtins, FailedAnswers::kWriteUnknown);
  if (outcome.rejected) {
    return Error{"retailer_unavailable", outcome.error ? outcome.error->message : "retailer unavailable"};
  }
  if (outcome.written.empty() && !gtins.empty()) {
    return Error{"refresh_failed", outcome.error ? outcome.error->message
                                                 : fmt::format("no answer from {}", to_string(store.retailer()))};
  }
  return std::move(outcome.written);
}

BatchOutcome ConnectorRefresher::refresh_batch(const StoreId& store, const std::vector<Gtin>& gtins,
                                               FailedAnswers failed, const ratelimit::CancellationToken* cancel) {
  BatchOutcome outcome;
  RetailerState* state = state_of(store.retailer());
  if (state == nullptr) {
    outcome.rejected = true;
    outcome.error = rejection(ErrorKind::kAuthentication,
                              fmt::format("{} is not configured: it has no credentials", to_string(store.retailer())));
    return outcome;
  }
  if (gtins.empty()) {
    return outcome;
  }

  if (quota_remaining(store.retailer()) <= 0 && state->limiter != nullptr) {
    outcome.rejected = true;
    outcome.error = rejection(ErrorKind::kRateLimited,
                              fmt::format("{} quota is spent; store={}", to_string(store.retailer()), store.str()));
    return outcome;
  }
  if (!state->breaker->allow()) {
    outcome.rejected = true;
    outcome.error = rejection(ErrorKind::kUpstream,
                              fmt::format("{} circuit breaker is open after repeated failures; store={}",
                                          to_string(store.retailer()), store.str()));
    return outcome;
  }

  retailers::AvailabilityBatch batch = state->connector->fetch_availability(store, gtins, cancel);
  const SystemTime now = clock_->system_now();
  record_calls(*state, batch, now);

  std::vector<retailers::Availability> kept;
  std::vector<Gtin> failed_gtins;
  for (const retailers::Availability& answer : batch.results) {
    if (answered(answer)) {
      kept.push_back(answer);
    } else {
      failed_gtins.push_back(answer.gtin);
    }
  }

  // When nothing came back the call failed as a whole: the breaker has
  // counted it, and unknown records would only hide older answers.
  std::vector<storage::InventoryRecord> records;
  if (!kept.empty()) {
    const retailers::StockScope scope = state->connector->stock_scope();
    const std::vector<StoreId> stores = target_stores(store, scope);
    records = stock_records(kept, stores, scope, now);
    if (failed == FailedAnswers::kWriteUnknown) {
      auto unknown = unknown_records(failed_gtins, stores, now);
      records.insert(records.end(), std::make_move_iterator(unknown.begin()), std::make_move_iterator(unknown.end()));
    }
  }

  outcome.written = write(std::move(records));
  outcome.answers = std::move(batch.results);
  outcome.requests = batch.requests;
  outcome.error = std::move(batch.error);
  return outcome;
}

std::vector<storage::InventoryRecord> ConnectorRefresher::write_unknown(const StoreId& store,
                                                                        const std::vector<Gtin>& gtins) {
  RetailerState* state = state_of(store.retailer());
  const retailers::StockScope scope =
      state != nullptr ? state->connector->stock_scope() : retailers::StockScope::kPerStore;
  return write(unknown_records(gtins, target_stores(store, scope), clock_->system_now()));
}

bool ConnectorRefresher::can_call(Retailer retailer) {
  RetailerState* state = state_of(retailer);
  if (state == nullptr || !state->breaker->would_allow()) {
    return false;
  }
  return state->limiter == nullptr || quota_remaining(retailer) > 0;
}

std::vector<inventory::RetailerHealth> ConnectorRefresher::health() {
  std::vector<inventory::RetailerHealth> health;
  for (const auto& [retailer, state] : states_) {
    const CallHealthSnapshot calls = state.calls->snapshot();
    inventory::RetailerHealth entry;
    entry.retailer = retailer;
    entry.last_success = calls.last_success;
    entry.last_failure = calls.last_failure;
    entry.last_error = calls.last_error;
    entry.recent_error_rate = calls.recent_error_rate;
    entry.breaker = state.breaker->state();
    entry.breaker_retry_at = state.breaker->retry_at();
    entry.quota_remaining = quota_remaining(retailer);
    entry.calls_ok = calls.ok;
    entry.calls_failed = calls.failed;
    entry.calls_rate_limited = calls.rate_limited;
    entry.simulated = simulated_;
    health.push_back(std::move(entry));
  }
  return health;
}

std::shared_ptr<retailers::RetailerConnector> ConnectorRefresher::connector(Retailer retailer) const {
  const auto it = states_.find(retailer);
  return it == states_.end() ? nullptr : it->second.connector;
}

std::vector<Retailer> ConnectorRefresher::retailers() const {
  std::vector<Retailer> configured;
  for (const auto& [retailer, state] : states_) {
    configured.push_back(retailer);
  }
  return configured;
}

std::shared_ptr<ratelimit::RateLimiter> ConnectorRefresher::limiter(Retailer retailer) const {
  const auto it = states_.find(retailer);
  return it == states_.end() ? nullptr : it->second.limiter;
}

std::int64_t ConnectorRefresher::quota_remaining(Retailer retailer) const {
  const auto it = states_.find(retailer);
  if (it == states_.end() || it->second.limiter == nullptr) {
    return 0;
  }

  const ratelimit::LimiterStatus status = it->second.limiter->status();
  std::int64_t remaining = std::numeric_limits<std::int64_t>::max();
  for (const ratelimit::WindowStatus& window : status.windows) {
    remaining = std::min(remaining, window.remaining);
  }
  if (status.retailer_remaining) {
    remaining = std::min(remaining, *status.retailer_remaining);
  }
  return remaining;
}

ConnectorRefresher::RetailerState* ConnectorRefresher::state_of(Retailer retailer) {
  const auto it = states_.find(retailer);
  return it == states_.end() ? nullptr : &it->second;
}

std::vector<StoreId> ConnectorRefresher::target_stores(const StoreId& store, retailers::StockScope scope) {
  if (scope == retailers::StockScope::kPerStore) {
    return {store};
  }

  // One online answer holds for every store of the retailer in the store
  // table, and for the asked store even when the table lacks it.
  std::vector<StoreId> stores;
  for (const storage::Store& known : storage_->list_stores(store.retailer())) {
    stores.push_back(known.id);
  }
  if (std::find(stores.begin(), stores.end(), store) == stores.end()) {
    stores.push_back(store);
  }
  return stores;
}

void ConnectorRefresher::record_calls(RetailerState& state, const retailers::AvailabilityBatch& batch,
                                      SystemTime now) {
  // NOTE: a batch reports its call count and its first error only. When no
  // GTIN got an answer every call counts as failed; otherwise one does and
  // the rest count as answered, which is exact for batches of one call.
  const bool none_answered = std::none_of(batch.results.begin(), batch.results.end(), answered);
  const std::int64_t failed_calls = none_answered ? std::max(1, batch.requests) : 1;
  std::int64_t failed = 0;
  std::int64_t rate_limited = 0;
  if (batch.error) {
    if (batch.error->kind == ErrorKind::kRateLimited) {
      rate_limited = failed_calls;
    } else if (batch.error->kind != ErrorKind::kCancelled) {
      failed = failed_calls;
    }
  }
  const std::int64_t ok = std::max<std::int64_t>(0, batch.requests - failed - rate_limited);
  state.calls->record(CallOutcome::kOk, ok, now);
  state.calls->record(CallOutcome::kFailed, failed, now, batch.error ? batch.error->message : "");
  state.calls->record(CallOutcome::kRateLimited, rate_limited, now);

  if (batch.error && is_retailer_failure(*batch.error)) {
    spdlog::warn("sync: {} call failed, breaker counts it: {}", to_string(state.connector->retailer()),
                 batch.error->message);
    state.breaker->on_failure();
  } else if (!batch.error || batch.error->kind == ErrorKind::kAuthentication ||
             (batch.error->kind == ErrorKind::kRateLimited && batch.error->http_status == 429)) {
    // The retailer answered, even if to refuse: it is up.
    state.breaker->on_success();
  } else {
    state.breaker->release_trial();
  }
}

std::vector<storage::InventoryRecord> ConnectorRefresher::write(std::vector<storage::InventoryRecord> records) {
  if (records.empty()) {
    return records;
  }
  storage_->write_inventory(records);
  if (on_written_) {
    on_written_(records);
  }
  return records;
}

}  // namespace wic::sync
