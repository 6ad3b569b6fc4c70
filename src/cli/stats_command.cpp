// wic-inventory stats | cleanup

#include <algorithm>
#include <map>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/sync_options.h"
#include "ratelimit/limiter_registry.h"
#include "ratelimit/storage_quota_ledger.h"
#include "retailers/environment.h"

namespace wic::cli {
namespace {

constexpr int kPageSize = 1000;

struct StatsArguments {
  std::string retailer;
  std::size_t stores = 10;
  int jobs = 10;
  std::string env_file = ".env";
};

// Inventory figures of one store or of a retailer's stores together.
struct InventoryTally {
  std::int64_t stores = 0;
  std::int64_t records = 0;
  std::map<StockStatus, std::int64_t> by_status;
  std::optional<SystemTime> newest;
  std::optional<SystemTime> oldest;

  void add(const storage::InventoryRecord& record) {
    ++records;
    ++by_status[record.status];
    newest = newest ? std::max(*newest, record.last_updated) : record.last_updated;
    oldest = oldest ? std::min(*oldest, record.last_updated) : record.last_updated;
  }
  void add(const InventoryTally& other) {
    stores += other.stores;
    records += other.records;
    for (const auto& [status, count] : other.by_status) {
      by_status[status] += count;
    }
    if (other.newest) {
      newest = newest ? std::max(*newest, *other.newest) : other.newest;
    }
    if (other.oldest) {
      oldest = oldest ? std::min(*oldest, *other.oldest) : other.oldest;
    }
  }
  std::int64_t count(StockStatus status) const {
    const auto it = by_status.find(status);
    return it == by_status.end() ? 0 : it->second;
  }
};

std::string age(std::optional<SystemTime> time, SystemTime now) {
  if (!time) {
    return "-";
  }
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - *time).count();
  if (minutes < 1) {
    return "<1 min";
  }
  if (minutes < 120) {
    return fmt::format("{} min", minutes);
  }
  if (minutes < 48 * 60) {
    return fmt::format("{} h", minutes / 60);
  }
  return fmt::format("{} d", minutes / (24 * 60));
}

InventoryTally tally_store(storage::Storage& storage, const StoreId& store) {
  InventoryTally tally;
  tally.stores = 1;
  storage::InventoryFilter filter;
  filter.limit = kPageSize;
  for (filter.offset = 0;; filter.offset += kPageSize) {
    const storage::InventoryPage page = storage.list_inventory(store, filter);
    for (const storage::InventoryRecord& record : page.records) {
      tally.add(record);
    }
    if (page.records.size() < static_cast<std::size_t>(kPageSize)) {
      break;
    }
  }
  return tally;
}

void print_tally_row(std::string_view label, const InventoryTally& tally, SystemTime now) {
  // A store's own row leaves the store count blank.
  const std::string stores = tally.stores == 1 && label.find('-') != std::string_view::npos
                                 ? std::string()
                                 : std::to_string(tally.stores);
  fmt::print("{:<17}  {:>6}  {:>8}  {:>8}  {:>6}  {:>6}  {:>8}  {:>8}  {:>8}\n", label, stores, tally.records,
             tally.count(StockStatus::kInStock), tally.count(StockStatus::kLowStock),
             tally.count(StockStatus::kOutOfStock), tally.count(StockStatus::kUnknown), age(tally.newest, now),
             age(tally.oldest, now));
}

void print_inventory(storage::Storage& storage, const StatsArguments& arguments, SystemTime now) {
  const std::optional<Retailer> only = parse_retailer_option(arguments.retailer);
  std::vector<std::pair<storage::Store, InventoryTally>> stores;
  std::map<Retailer, InventoryTally> by_retailer;
  for (const storage::Store& store : storage.list_stores(only)) {
    InventoryTally tally = tally_store(storage, store.id);
    by_retailer[store.id.retailer()].add(tally);
    stores.emplace_back(store, std::move(tally));
  }

  fmt::print("Inventory by retailer\n");
  fmt::print("{:<17}  {:>6}  {:>8}  {:>8}  {:>6}  {:>6}  {:>8}  {:>8}  {:>8}\n", "retailer", "stores", "records",
             "in stock", "low", "out", "unknown", "newest", "oldest");
  for (const auto& [retailer, tally] : by_retailer) {
    print_tally_row(to_string(retailer), tally, now);
  }

  // Stores with the oldest data first: those need attention.
  std::sort(stores.begin(), stores.end(), [](const auto& a, const auto& b) {
    const SystemTime left = a.second.oldest.value_or(SystemTime::min());
    const SystemTime right = b.second.oldest.value_or(SystemTime::min());
    return left < right;
  });
  const std::size_t shown = arguments.stores == 0 ? stores.size() : std::min(stores.size(), arguments.stores);
  fmt::print("\nStores, oldest data first ({} of {})\n", shown, stores.size());
  fmt::print("{:<17}  {:>6}  {:>8}  {:>8}  {:>6}  {:>6}  {:>8}  {:>8}  {:>8}\n", "store", "", "records",
             "in stock", "low", "out", "unknown", "newest", "oldest");
  for (std::size_t i = 0; i < shown; ++i) {
    print_tally_row(stores[i].first.id.str(), stores[i].second, now);
  }
}

void print_jobs(storage::Storage& storage, int limit) {
  const auto jobs = storage.recent_jobs(limit);
  fmt::print("\nRecent sync jobs ({})\n", jobs.size());
  fmt::print("{:>6}  {:<8}  {:<10}  {:<20}  {:>8}  {:>10}  {:>10}  {:>8}  {:>7}  {}\n", "id", "retailer", "status",
             "started (UTC)", "seconds", "processed", "succeeded", "failed", "calls", "error");
  for (const storage::SyncJob& job : jobs) {
    const std::string started =
        job.started_at ? fmt::format("{:%Y-%m-%d %H:%M:%S}", std::chrono::floor<std::chrono::seconds>(*job.started_at))
                       : "-";
    const std::string took =
        job.started_at && job.finished_at
            ? fmt::format("{:.1f}", std::chrono::duration<double>(*job.finished_at - *job.started_at).count())
            : "-";
    fmt::print("{:>6}  {:<8}  {:<10}  {:<20}  {:>8}  {:>10}  {:>10}  {:>8}  {:>7}  {}\n", job.id,
               to_string(job.retailer), to_string(job.status), started, took, job.processed, job.succeeded,
               job.failed, job.requests, job.error);
  }
}

void print_quota(const std::shared_ptr<storage::Storage>& storage, std::shared_ptr<Clock> clock,
                 const std::string& env_file) {
  auto environment = retailers::Environment::from_process_and_file(env_file);
  if (!environment) {
    throw CommandError(kExitInvalidInput, environment.error().message);
  }
  auto limits =
      ratelimit::limits_from_environment([&](const std::string& name) { return environment->get(name); });
  if (!limits) {
    throw CommandError(kExitInvalidInput, limits.error().message);
  }
  ratelimit::LimiterRegistry registry(*limits, std::move(clock),
                                      std::make_shared<ratelimit::StorageQuotaLedger>(storage));

  fmt::print("\nRetailer quota (sliding windows, this service's limits)\n");
  fmt::print("{:<18}  {:<7}  {:>8}  {:>8}  {:>8}\n", "endpoint", "window", "limit", "used", "left");
  for (const ratelimit::LimiterStatus& limiter : registry.status()) {
    for (const ratelimit::WindowStatus& window : limiter.windows) {
      fmt::print("{:<18}  {:<7}  {:>8}  {:>8}  {:>8}\n", limiter.name, window.name, window.limit,
                 window.limit - window.remaining, window.remaining);
    }
  }
}

void run_stats(CommandContext& context, const StatsArguments& arguments) {
  auto storage = std::shared_ptr<storage::Storage>(storage::open_storage(context.database));
  const auto clock = context.clock();
  print_inventory(*storage, arguments, clock->system_now());
  print_jobs(*storage, arguments.jobs);
  print_quota(storage, clock, arguments.env_file);
}

void run_cleanup(CommandContext& context, const std::string& older_than) {
  const Duration age = parse_age(older_than);
  const SystemTime cutoff = context.clock()->system_now() - std::chrono::duration_cast<SystemTime::duration>(age);
  const auto counts = context.storage().cleanup(cutoff);
  fmt::print("Removed data last updated before {:%Y-%m-%d %H:%M} UTC (older than {})\n",
             std::chrono::floor<std::chrono::minutes>(cutoff), older_than);
  fmt::print("  inventory records  {}\n", counts.inventory);
  fmt::print("  shopper reports    {}\n", counts.reports);
}

}  // namespace

void add_stats_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<StatsArguments>();
  auto* stats = app.add_subcommand(
      "stats", "Show inventory by retailer and store, data age, recent sync jobs and retailer quota");
  stats->add_option("--retailer", arguments->retailer, "Only this retailer's stores: walmart or kroger");
  stats->add_option("--stores", arguments->stores, "Stores to list, oldest data first; 0 lists all")
      ->capture_default_str();
  stats->add_option("--jobs", arguments->jobs, "Recent sync jobs to list")->capture_default_str()->check(
      CLI::Range(0, 1000));
  stats->add_option("--env-file", arguments->env_file, "File of WIC_RATE_LIMIT_* settings (NAME=VALUE)")
      ->capture_default_str();
  stats->callback([&context, arguments] { run_stats(context, *arguments); });
}

void add_cleanup_command(CLI::App& app, CommandContext& context) {
  auto older_than = std::make_shared<std::string>();
  auto* cleanup = app.add_subcommand("cleanup", "Remove stale inventory records and old shopper reports");
  cleanup->add_option("--older-than", *older_than, "Age of what to remove: days, hours or minutes, e.g. 7d, 12h")
      ->required();
  cleanup->callback([&context, older_than] { run_cleanup(context, *older_than); });
}

}  // namespace wic::cli
