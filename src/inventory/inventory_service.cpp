#include "inventory/inventory_service.h"

#include <set>

#include <spdlog/spdlog.h>

#include "inventory/crowd_rule.h"
#include "inventory/freshness.h"

namespace wic::inventory {

InventoryService::InventoryService(storage::Storage& storage, std::shared_ptr<Refresher> refresher,
                                   std::shared_ptr<Clock> clock, InventoryOptions options)
    : storage_(storage),
      clock_(std::move(clock)),
      options_(options),
      catalog_(storage),
      cache_(options.cache_capacity),
      report_limiter_(options.report_limit, clock_),
      coordinator_(
          std::move(refresher), [this](const auto& records) { on_records_written(records); },
          options.refresh_threads, clock_, options.refresh_retry_interval) {}

InventoryService::~InventoryService() { shutdown(); }

void InventoryService::shutdown() { coordinator_.shutdown(); }

bool InventoryService::is_formula(const Gtin& gtin) {
  const auto product = catalog_.find_product(gtin);
  return product && product->is_formula;
}

CacheEntryPtr InventoryService::load_entry(const StoreId& store, const Gtin& gtin, bool is_formula) {
  auto entry = std::make_shared<CacheEntry>();
  entry->record = storage_.find_inventory(store, gtin);
  entry->reports = recent_reports(store, gtin);
  entry->is_formula = is_formula;
  entry->storage_read_at = clock_->monotonic_now();
  return entry;
}

std::vector<storage::InventoryReport> InventoryService::recent_reports(const StoreId& store, const Gtin& gtin) {
  auto reports = storage_.reports_since(store, gtin, clock_->system_now() - options_.crowd.window);
  keep_newest_reports(reports);
  return reports;
}

ItemAnswer InventoryService::answer_for(const StoreId& store, const Gtin& gtin, const CacheEntry& entry) const {
  const SystemTime now = clock_->system_now();
  const RuleInput input{store, gtin, entry.record, entry.reports, time_to_live(options_, entry.is_formula)};
  if (entry.reports.empty()) {
    return combine(input, now, options_);
  }

  const std::int64_t second = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
  if (auto kept = entry.combined.find(second)) {
    return *std::move(kept);
  }
  ItemAnswer answer = combine(input, now, options_);
  entry.combined.keep(second, answer);
  return answer;
}

void InventoryService::record_lookup(const StoreId& store, const Gtin& gtin) const {
  if (options_.on_lookup) {
    options_.on_lookup(store, gtin);
  }
}

ItemAnswer InventoryService::get(const StoreId& store, const Gtin& gtin, bool wait_fresh) {
  record_lookup(store, gtin);
  const std::string key = cache_key(store, gtin);
  CacheEntryPtr entry = cache_.find(key);
  const bool cached = entry != nullptr;
  if (cached) {
    cache_hits_.fetch_add(1, std::memory_order_relaxed);
  } else {
    cache_misses_.fetch_add(1, std::memory_order_relaxed);
    entry = load_entry(store, gtin, is_formula(gtin));
    cache_.put(key, entry);
  }

  ItemAnswer answer = answer_for(store, gtin, *entry);
  if (!answer.stale) {
    return answer;
  }

  // Another process may have written newer data: read storage again before
  // spending retailer quota, but not on every request for the same item.
  const bool recheck_due = clock_->monotonic_now() - entry->storage_read_at >= options_.storage_recheck;
  if (cached && recheck_due && !coordinator_.is_running(key)) {
    storage_rereads_.fetch_add(1, std::memory_order_relaxed);
    entry = load_entry(store, gtin, entry->is_formula);
    cache_.put(key, entry);
    answer = answer_for(store, gtin, *entry);
    if (!answer.stale) {
      return answer;
    }
  }

  const auto pending = coordinator_.request(store, gtin);
  if (!wait_fresh || pending == nullptr) {
    return answer;
  }

  fresh_waits_.fetch_add(1, std::memory_order_relaxed);
  if (pending->wait_for(options_.fresh_deadline) != PendingRefresh::State::kSucceeded) {
    fresh_timeouts_.fetch_add(1, std::memory_order_relaxed);
    return answer;
  }
  if (const auto refreshed = cache_.find(key)) {
    answer = answer_for(store, gtin, *refreshed);
  }
  return answer;
}

void InventoryService::on_records_written(const std::vector<storage::InventoryRecord>& records) {
  const MonotonicTime now = clock_->monotonic_now();
  for (const auto& record : records) {
    const std::string key = cache_key(record.store_id, record.gtin);
    const CacheEntryPtr current = cache_.find(key);
    if (current == nullptr) {
      continue;  // not cached: the next request reads it from storage
    }
    auto updated = std::make_shared<CacheEntry>(*current);
    updated->record = record;
    updated->storage_read_at = now;
    cache_.replace_if_present(key, std::move(updated));
  }
}

std::size_t InventoryService::on_reports_added(const std::vector<storage::InventoryReport>& reports) {
  std::set<std::string> reread;
  for (const auto& report : reports) {
    const std::string key = cache_key(report.store_id, report.gtin);
    if (reread.contains(key)) {
      continue;
    }
    const CacheEntryPtr current = cache_.find(key);
    if (current == nullptr) {
      continue;  // not cached: the next request reads it from storage
    }
    reread.insert(key);
    cache_.replace_if_present(key, load_entry(report.store_id, report.gtin, current->is_formula));
  }
  return reread.size();
}

std::vector<RetailerHealth> InventoryService::health() {
  Refresher* refresher = coordinator_.refresher();
  if (refresher == nullptr) {
    return {};
  }
  try {
    return refresher->health();
  } catch (const std::exception& error) {
    spdlog::error("inventory: reading retailer health failed: {}", error.what());
    return {};
  }
}

ServiceStats InventoryService::stats() const {
  ServiceStats stats;
  stats.cache_hits = cache_hits_.load();
  stats.cache_misses = cache_misses_.load();
  stats.cache_entries = static_cast<std::int64_t>(cache_.size());
  stats.cache_capacity = static_cast<std::int64_t>(cache_.capacity());
  stats.cache_evictions = cache_.evictions();
  stats.storage_rereads = storage_rereads_.load();
  stats.fresh_waits = fresh_waits_.load();
  stats.fresh_timeouts = fresh_timeouts_.load();
  stats.reports_accepted = reports_accepted_.load();
  stats.reports_rate_limited = reports_rate_limited_.load();
  stats.refreshes = coordinator_.counts();
  stats.products = catalog_.product_count();
  stats.stores = catalog_.store_count();
  return stats;
}

}  // namespace wic::inventory
