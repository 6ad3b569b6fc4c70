#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "ratelimit/cancellation.h"
#include "storage/storage.h"
#include "sync/connector_refresher.h"
#include "sync/demand_counter.h"
#include "sync/job_options.h"
#include "sync/refresh_plan.h"

namespace wic::sync {

struct SchedulerOptions {
  Duration formula_freshness = std::chrono::minutes{15};  // WIC_SYNC_FORMULA_FRESHNESS_MINUTES
  Duration other_freshness = std::chrono::hours{24};      // WIC_SYNC_OTHER_FRESHNESS_HOURS
  bool include_other_products = true;  // false: formula only
  Duration round = std::chrono::minutes{1};  // time between planning rounds
  // Share of each retailer's daily quota the scheduler spends; the rest is
  // left for on-demand refreshes and manual syncs.
  double quota_share = 0.9;
  // Longest stretch of unspent allowance kept for later rounds, so a quiet
  // hour cannot turn into a burst that empties the quota in the morning.
  Duration carry_over = std::chrono::hours{1};
  // How often stores and products are read again from storage.
  Duration reload_every = std::chrono::hours{1};
  // Only the holder of this storage lease runs rounds, so two processes on
  // one database (serve and sync --watch) do not both spend the quota.
  std::string lease_name = "sync-scheduler";
  Duration lease_ttl = std::chrono::minutes{3};
  // The leader marks failed, every round, the sync jobs whose record was
  // not written for this long (see kDefaultAbandonedAfter).
  Duration abandoned_job_after = kDefaultAbandonedAfter;
};

// Freshness the scheduler achieves for one retailer, in store-product pairs.
struct RetailerSchedule {
  Retailer retailer = Retailer::kWalmart;
  std::int64_t daily_quota = 0;    // the limiter's day window
  std::int64_t daily_budget = 0;   // the share the scheduler plans with
  std::int64_t calls_last_day = 0;  // calls the scheduler made in the last 24 hours
  std::int64_t quota_remaining = 0;
  std::int64_t calls_needed_per_day = 0;  // estimate for keeping every target fresh
  std::int64_t formula_pairs = 0;
  std::int64_t formula_fresh = 0;  // within the formula freshness now
  std::int64_t other_pairs = 0;
  std::int64_t other_fresh = 0;
  std::int64_t deferred_formula = 0;  // due in the last round but left for lack of quota
  std::int64_t deferred_other = 0;
};

struct SchedulerStatus {
  SystemTime at;
  std::int64_t rounds = 0;
  std::vector<RetailerSchedule> retailers;
};

// Keeps availability fresh around the clock within each retailer's daily
// quota. Every round it accrues an even share of the day's budget, plans
// the calls that buy the most freshness (formula first, then the stalest
// and most requested pairs) and makes them through the refresher. Time
// comes from the injected clock, so a test walks a day in seconds.
// Thread-safe.
class Scheduler {
 public:
  Scheduler(std::shared_ptr<ConnectorRefresher> refresher, std::shared_ptr<storage::Storage> storage,
            std::shared_ptr<Clock> clock, SchedulerOptions options = {},
            std::shared_ptr<DemandCounter> demand = nullptr);
  ~Scheduler();  // stops

  // Runs rounds on a thread of its own until stop().
  void start();
  void stop();
  // Runs rounds on this thread until the clock reaches `end` or `cancel`
  // is set.
  void run_until(SystemTime end, const ratelimit::CancellationToken* cancel = nullptr);
  // One planning round, if this scheduler holds the lease; returns whether
  // it ran.
  bool run_round();

  SchedulerStatus status();
  // The counter the inventory service feeds with lookups.
  std::shared_ptr<DemandCounter> demand() const { return demand_; }

 private:
  struct Lane;

  void reload();
  void load_freshness(Lane& lane);
  void accrue(Lane& lane, SystemTime now);
  void run_lane(Lane& lane, SystemTime now);
  // Renews the lease when a third of its time to live has passed since it
  // was last taken, so a long round keeps it. Returns false when another
  // holder has it: the round must stop.
  bool keep_lease();
  std::vector<RefreshTarget> targets_of(const Lane& lane) const;
  RetailerSchedule report(const Lane& lane, SystemTime now) const;
  std::int64_t calls_needed_per_day(const Lane& lane) const;
  std::int64_t formula_calls_per_round(const Lane& lane) const;

  std::shared_ptr<ConnectorRefresher> refresher_;
  std::shared_ptr<storage::Storage> storage_;
  std::shared_ptr<Clock> clock_;
  const SchedulerOptions options_;
  std::shared_ptr<DemandCounter> demand_;

  std::mutex mutex_;  // guards everything below; held through a round
  std::vector<std::pair<Gtin, bool>> products_;  // GTIN, is formula
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::optional<MonotonicTime> loaded_at_;
  std::int64_t rounds_ = 0;
  const std::string holder_;  // this scheduler's name in the lease
  bool leader_ = false;       // held the lease in the last round
  SystemTime lease_taken_at_{};  // last successful take or renewal

  std::thread thread_;
  ratelimit::CancellationToken cancel_;
};

}  // namespace wic::sync
