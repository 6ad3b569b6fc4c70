// Shopper reports: per-client limit, the crowd rule, the report log.

#include <spdlog/spdlog.h>

#include "inventory/crowd_rule.h"
#include "inventory/freshness.h"
#include "inventory/inventory_service.h"

namespace wic::inventory {
namespace {


}  // namespace

ReportOutcome InventoryService::report(const ReportRequest& request) {
  ReportOutcome outcome;
  const ReportPermit permit = report_limiter_.try_accept(request.client_key);
  if (!permit.allowed) {
    reports_rate_limited_.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("inventory: report rejected, client={} over its report limit, store={} gtin={}", request.client_key,
                 request.store_id.str(), request.gtin.gtin14());
    outcome.retry_after = permit.retry_after;
    return outcome;
  }

  storage::InventoryReport report{0,
                                  request.store_id,
                                  request.gtin,
                                  request.status,
                                  request.quantity_range,
                                  request.aisle,
                                  request.user_id,
                                  request.client_key,
                                  clock_->system_now()};

  // Combine with what storage holds, read again unless the cached copy was
  // read within the recheck interval: another process may have written since.
  const std::string key = cache_key(request.store_id, request.gtin);
  CacheEntryPtr current = cache_.find(key);
  if (current == nullptr || clock_->monotonic_now() - current->storage_read_at >= options_.storage_recheck) {
    current = load_entry(request.store_id, request.gtin, is_formula(request.gtin));
  }
  auto entry = std::make_shared<CacheEntry>(*current);
  entry->reports.push_back(report);
  keep_newest_reports(entry->reports);
  const ItemAnswer answer = answer_for(request.store_id, request.gtin, *entry);
  const storage::InventoryRecord merged = record_to_store(answer, entry->record);

  report.id = storage_.add_report(report, merged);
  entry->record = merged;
  entry->reports.back().id = report.id;
  cache_.put(key, entry);
  reports_accepted_.fetch_add(1, std::memory_order_relaxed);

  spdlog::info(
      "inventory: report id={} store={} gtin={} status={} identified={} client={} -> status={} source={} "
      "confidence={} reports={}",
      report.id, request.store_id.str(), request.gtin.gtin14(), to_string(request.status), request.user_id.has_value(),
      request.client_key, to_string(answer.status), answer.source ? to_string(*answer.source) : "none",
      answer.confidence, answer.report_count);

  outcome.accepted = true;
  outcome.report_id = report.id;
  outcome.answer = answer;
  return outcome;
}

}  // namespace wic::inventory
