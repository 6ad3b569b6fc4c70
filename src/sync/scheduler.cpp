#include "sync/scheduler.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sync/stock_records.h"
#include "sync/sync_engine.h"

namespace wic::sync {
namespace {

constexpr auto kDay = std::chrono::hours{24};
// Longest single sleep between rounds, so stop() is seen quickly.
constexpr auto kMaxSleep = std::chrono::seconds{1};
// Inventory rows read per query when loading freshness.
constexpr int kPageSize = 1000;

// "pid<process id>-<n>": a name no other scheduler on this host uses.
// Unique among the processes of every host that shares the database.
std::string lease_holder_name() {
  static std::atomic<int> next{1};
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) {
    host[0] = '\0';
  }
  return fmt::format("{}-pid{}-{}", host.data(), ::getpid(), next++);
}

double days(Duration duration) { return std::chrono::duration<double>(duration) / kDay; }

std::int64_t day_limit(const ratelimit::RateLimiter* limiter) {
  if (limiter == nullptr) {
    return 0;
  }
  const ratelimit::LimiterStatus status = limiter->status();
  for (const ratelimit::WindowStatus& window : status.windows) {
    if (window.name == "day") {
      return window.limit;
    }
  }
  // No day window: the pace of the token bucket over a day.
  return static_cast<std::int64_t>(status.rate * 86400);
}

}  // namespace

// The scheduler's state for one retailer.
struct Scheduler::Lane {
  Retailer retailer = Retailer::kWalmart;
  retailers::StockScope scope = retailers::StockScope::kPerStore;
  std::size_t batch_size = 1;
  std::vector<StoreId> stores;      // per-store: every store; online-only: the one that labels calls
  std::int64_t pairs_per_unit = 1;  // online-only: the retailer's store count
  std::map<std::pair<StoreId, Gtin>, SystemTime> fresh;  // last update by target
  std::set<Gtin> mapped;  // Walmart item id known
  std::int64_t daily_quota = 0;
  std::int64_t daily_budget = 0;
  double allowance = 0;  // calls this lane may still spend
  std::optional<SystemTime> accrued_at;
  std::deque<std::pair<SystemTime, std::int64_t>> calls;  // calls made, for the last 24 hours
  std::int64_t deferred_formula = 0;
  std::int64_t deferred_other = 0;
};

Scheduler::Scheduler(std::shared_ptr<ConnectorRefresher> refresher, std::shared_ptr<storage::Storage> storage,
                     std::shared_ptr<Clock> clock, SchedulerOptions options, std::shared_ptr<DemandCounter> demand)
    : refresher_(std::move(refresher)),
      storage_(std::move(storage)),
      clock_(std::move(clock)),
      options_(options),
      demand_(demand ? std::move(demand) : std::make_shared<DemandCounter>(clock_)),
      holder_(lease_holder_name()) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::start() {
  if (thread_.joinable()) {
    return;
  }
  spdlog::info("scheduler: starting, formula freshness {} min, other products {} h, {}% of each daily quota",
               std::chrono::duration_cast<std::chrono::minutes>(options_.formula_freshness).count(),
               std::chrono::duration_cast<std::chrono::hours>(options_.other_freshness).count(),
               std::lround(options_.quota_share * 100));
  thread_ = std::thread([this] { run_until(SystemTime::max(), &cancel_); });
}

void Scheduler::stop() {
  cancel_.cancel();
  if (thread_.joinable()) {
    thread_.join();
    spdlog::info("scheduler: stopped");
  }
  std::lock_guard lock(mutex_);
  if (leader_) {
    try {
      storage_->release_lease(options_.lease_name, holder_);
    } catch (const storage::StorageError& error) {
      spdlog::error("scheduler: lease {} not released, it expires by itself: {}", options_.lease_name, error.what());
    }
    leader_ = false;
  }
}

void Scheduler::run_until(SystemTime end, const ratelimit::CancellationToken* cancel) {
  while (clock_->system_now() < end && (cancel == nullptr || !cancel->cancelled())) {
    const MonotonicTime started = clock_->monotonic_now();
    try {
      run_round();
    } catch (const std::exception& error) {
      // A round that fails (storage locked, disk full) is logged and the
      // next one tries again; the scheduler must outlive it.
      spdlog::error("scheduler: round failed: {}", error.what());
    }

    const MonotonicTime next = started + options_.round;
    while (clock_->monotonic_now() < next && clock_->system_now() < end &&
           (cancel == nullptr || !cancel->cancelled())) {
      clock_->sleep_for(std::min<Duration>(next - clock_->monotonic_now(), kMaxSleep));
    }
  }
}

bool Scheduler::run_round() {
  std::lock_guard lock(mutex_);
  const bool leader = storage_->try_acquire_lease(options_.lease_name, holder_, clock_->system_now(),
                                                  options_.lease_ttl);
  if (leader != leader_) {
    spdlog::info("scheduler: {} the lease {}", leader ? "holds" : "lost", options_.lease_name);
    leader_ = leader;
  }
  if (!leader) {
    return false;
  }
  lease_taken_at_ = clock_->system_now();

  // A worker that died after every other process started is caught here:
  // start-up checks alone would leave its job running until a restart.
  const int abandoned = fail_abandoned_jobs(*storage_, clock_->system_now(), options_.abandoned_job_after);
  if (abandoned > 0) {
    spdlog::warn("scheduler: marked {} sync jobs failed whose record was not written for {} s", abandoned,
                 std::chrono::duration_cast<std::chrono::seconds>(options_.abandoned_job_after).count());
  }

  const MonotonicTime monotonic_now = clock_->monotonic_now();
  if (!loaded_at_ || monotonic_now - *loaded_at_ >= options_.reload_every) {
    reload();
    loaded_at_ = monotonic_now;
  }

  for (auto& lane : lanes_) {
    if (!keep_lease()) {
      return false;
    }
    run_lane(*lane, clock_->system_now());
  }
  ++rounds_;
  return true;
}

bool Scheduler::keep_lease() {
  if (!leader_) {
    return false;
  }
  const SystemTime now = clock_->system_now();
  if (now - lease_taken_at_ < options_.lease_ttl / 3) {
    return true;
  }

  if (storage_->try_acquire_lease(options_.lease_name, holder_, now, options_.lease_ttl)) {
    lease_taken_at_ = now;
    return true;
  }
  spdlog::warn("scheduler: lost the lease {} during a round, stopping the round", options_.lease_name);
  leader_ = false;
  return false;
}

void Scheduler::reload() {
  storage::ProductFilter filter;
  filter.formula_only = !options_.include_other_products;
  products_.clear();
  for (const storage::Product& product : storage_->list_products(filter)) {
    products_.emplace_back(product.gtin, product.is_formula);
  }

  std::vector<std::unique_ptr<Lane>> lanes;
  for (Retailer retailer : refresher_->retailers()) {
    auto connector = refresher_->connector(retailer);
    auto lane = std::make_unique<Lane>();
    // Keep what an earlier load learned.
    for (auto& old : lanes_) {
      if (old && old->retailer == retailer) {
        lane = std::move(old);
        break;
      }
    }
    lane->retailer = retailer;
    lane->scope = connector->stock_scope();
    lane->batch_size = std::max<std::size_t>(1, connector->max_batch_size());
    lane->stores.clear();
    for (const storage::Store& store : storage_->list_stores(retailer)) {
      lane->stores.push_back(store.id);
    }
    lane->pairs_per_unit = 1;
    if (lane->scope == retailers::StockScope::kOnlineOnly && !lane->stores.empty()) {
      lane->pairs_per_unit = static_cast<std::int64_t>(lane->stores.size());
      lane->stores.erase(lane->stores.begin() + 1, lane->stores.end());
    }
    lane->daily_quota = day_limit(refresher_->limiter(retailer).get());
    lane->daily_budget = static_cast<std::int64_t>(std::floor(static_cast<double>(lane->daily_quota) *
                                                              options_.quota_share));
    if (retailer == Retailer::kWalmart) {
      for (const auto& [gtin, formula] : products_) {
        if (!lane->mapped.contains(gtin) && storage_->find_retailer_item(retailer, gtin)) {
          lane->mapped.insert(gtin);
        }
      }
    }
    load_freshness(*lane);

    const std::int64_t needed = calls_needed_per_day(*lane);
    if (needed > lane->daily_budget) {
      spdlog::warn("scheduler: {} needs about {} calls a day to keep every target fresh but its budget is {}; "
                   "formula comes first and the rest is refreshed less often",
                   to_string(retailer), needed, lane->daily_budget);
    }
    spdlog::info("scheduler: {} has {} stores, {} products, budget {} calls a day of quota {}", to_string(retailer),
                 lane->stores.size() * lane->pairs_per_unit, products_.size(), lane->daily_budget, lane->daily_quota);
    lanes.push_back(std::move(lane));
  }
  lanes_ = std::move(lanes);
}

void Scheduler::load_freshness(Lane& lane) {
  for (const StoreId& store : lane.stores) {
    storage::InventoryFilter filter;
    filter.formula_only = !options_.include_other_products;
    filter.limit = kPageSize;
    for (filter.offset = 0;; filter.offset += kPageSize) {
      const storage::InventoryPage page = storage_->list_inventory(store, filter);
      for (const storage::InventoryRecord& record : page.records) {
        auto& last = lane.fresh[{store, record.gtin}];
        last = std::max(last, record.last_updated);
      }
      if (page.records.size() < static_cast<std::size_t>(kPageSize)) {
        break;
      }
    }
  }
}

void Scheduler::accrue(Lane& lane, SystemTime now) {
  const double cap = std::max(1.0, static_cast<double>(lane.daily_budget) * days(options_.carry_over));
  if (!lane.accrued_at) {
    // Start like a full token bucket, so the first round can fetch the
    // targets never fetched, at most the carry-over's worth.
    lane.allowance = cap;
  } else {
    lane.allowance += static_cast<double>(lane.daily_budget) * days(now - *lane.accrued_at);
  }
  lane.allowance = std::min(lane.allowance, cap);
  lane.accrued_at = now;

  while (!lane.calls.empty() && lane.calls.front().first <= now - kDay) {
    lane.calls.pop_front();
  }
}

void Scheduler::run_lane(Lane& lane, SystemTime now) {
  accrue(lane, now);
  if (lane.stores.empty() || products_.empty()) {
    return;
  }

  PlanSettings settings;
  settings.scope = lane.scope;
  settings.batch_size = lane.batch_size;
  settings.now = now;
  settings.formula_freshness = options_.formula_freshness;
  settings.other_freshness = options_.other_freshness;
  settings.horizon = options_.round;
  settings.budget = std::min(static_cast<std::int64_t>(std::floor(lane.allowance)),
                             refresher_->quota_remaining(lane.retailer));
  settings.formula_reserve = formula_calls_per_round(lane);
  const RefreshPlan plan = plan_refreshes(targets_of(lane), settings);
  lane.deferred_formula = plan.deferred_formula * lane.pairs_per_unit;
  lane.deferred_other = plan.deferred_other * lane.pairs_per_unit;

  std::int64_t spent = 0;
  for (const PlannedBatch& batch : plan.batches) {
    if (!keep_lease()) {
      break;
    }
    const BatchOutcome outcome = refresher_->refresh_batch(batch.store, batch.gtins, FailedAnswers::kWriteUnknown);
    spent += outcome.requests;
    if (outcome.rejected) {
      spdlog::warn("scheduler: {} round cut short: {}", to_string(lane.retailer),
                   outcome.error ? outcome.error->message : "rejected");
      break;
    }

    const SystemTime written_at = clock_->system_now();
    if (!outcome.written.empty()) {
      for (const Gtin& gtin : batch.gtins) {
        lane.fresh[{batch.store, gtin}] = written_at;
      }
    }
    for (const retailers::Availability& answer : outcome.answers) {
      if (!answer.retailer_item_id.empty()) {
        lane.mapped.insert(answer.gtin);
      }
    }
    if (outcome.error && retailers::stops_batch(*outcome.error)) {
      spdlog::warn("scheduler: {} round stopped: {}", to_string(lane.retailer), outcome.error->message);
      break;
    }
  }

  lane.allowance -= static_cast<double>(spent);
  if (spent > 0) {
    lane.calls.emplace_back(now, spent);
  }
  if (!plan.batches.empty() || plan.deferred_formula > 0) {
    spdlog::info("scheduler: {} round: {} calls, due formula={} other={}, deferred formula={} other={}",
                 to_string(lane.retailer), spent, plan.due_formula, plan.due_other, plan.deferred_formula,
                 plan.deferred_other);
  }
}

std::vector<RefreshTarget> Scheduler::targets_of(const Lane& lane) const {
  const bool online = lane.scope == retailers::StockScope::kOnlineOnly;
  std::vector<RefreshTarget> targets;
  targets.reserve(lane.stores.size() * products_.size());

  for (const StoreId& store : lane.stores) {
    for (const auto& [gtin, formula] : products_) {
      RefreshTarget target{store, gtin, formula, std::nullopt, 0, false};
      if (const auto it = lane.fresh.find({store, gtin}); it != lane.fresh.end()) {
        target.last_updated = it->second;
      }
      target.requests = online ? demand_->requests(gtin) : demand_->requests(store, gtin);
      target.needs_lookup = online && lane.retailer == Retailer::kWalmart && !lane.mapped.contains(gtin) &&
                            gtin.upc_a().has_value();
      targets.push_back(std::move(target));
    }
  }
  return targets;
}

SchedulerStatus Scheduler::status() {
  std::lock_guard lock(mutex_);
  SchedulerStatus status;
  status.at = clock_->system_now();
  status.rounds = rounds_;
  for (const auto& lane : lanes_) {
    status.retailers.push_back(report(*lane, status.at));
  }
  return status;
}

RetailerSchedule Scheduler::report(const Lane& lane, SystemTime now) const {
  RetailerSchedule schedule;
  schedule.retailer = lane.retailer;
  schedule.daily_quota = lane.daily_quota;
  schedule.daily_budget = lane.daily_budget;
  schedule.quota_remaining = refresher_->quota_remaining(lane.retailer);
  schedule.calls_needed_per_day = calls_needed_per_day(lane);
  schedule.deferred_formula = lane.deferred_formula;
  schedule.deferred_other = lane.deferred_other;
  for (const auto& [time, count] : lane.calls) {
    if (time > now - kDay) {
      schedule.calls_last_day += count;
    }
  }

  for (const StoreId& store : lane.stores) {
    for (const auto& [gtin, formula] : products_) {
      const auto it = lane.fresh.find({store, gtin});
      const Duration freshness = formula ? options_.formula_freshness : options_.other_freshness;
      const bool fresh = it != lane.fresh.end() && now - it->second <= freshness;
      (formula ? schedule.formula_pairs : schedule.other_pairs) += lane.pairs_per_unit;
      if (fresh) {
        (formula ? schedule.formula_fresh : schedule.other_fresh) += lane.pairs_per_unit;
      }
    }
  }
  return schedule;
}

std::int64_t Scheduler::formula_calls_per_round(const Lane& lane) const {
  // The calls that refresh every formula target once: what may fall due at
  // any moment.
  const auto formula = static_cast<std::int64_t>(
      std::count_if(products_.begin(), products_.end(), [](const auto& product) { return product.second; }));
  const auto batch = static_cast<std::int64_t>(lane.batch_size);
  return static_cast<std::int64_t>(lane.stores.size()) * ((formula + batch - 1) / batch);
}

std::int64_t Scheduler::calls_needed_per_day(const Lane& lane) const {
  const auto formula = static_cast<std::int64_t>(
      std::count_if(products_.begin(), products_.end(), [](const auto& product) { return product.second; }));
  const auto other = static_cast<std::int64_t>(products_.size()) - formula;
  const auto batch = static_cast<std::int64_t>(lane.batch_size);
  const auto per_call = [batch](std::int64_t items) { return (items + batch - 1) / batch; };

  const double formula_rounds = 1 / days(options_.formula_freshness);
  const double other_rounds = 1 / days(options_.other_freshness);
  const double per_unit = static_cast<double>(per_call(formula)) * formula_rounds +
                          static_cast<double>(per_call(other)) * other_rounds;
  return static_cast<std::int64_t>(std::ceil(per_unit * static_cast<double>(lane.stores.size())));
}

}  // namespace wic::sync
