#include "cli/sync_summary.h"

#include <fmt/format.h>

namespace wic::cli {
namespace {

std::int64_t count_of(const sync::JobReport& report, StockStatus status) {
  const auto it = report.by_status.find(status);
  return it == report.by_status.end() ? 0 : it->second;
}

double seconds(Duration duration) { return std::chrono::duration<double>(duration).count(); }

std::string percent(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? "-" : fmt::format("{:.0f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace

void print_job_summary(const sync::JobReport& report) {
  const storage::SyncJob& job = report.job;
  fmt::print("Sync job {} ({}, {}): {} in {:.1f} s\n", job.id, to_string(job.retailer),
             job.product_scope.size() > 40 ? job.product_scope.substr(0, 40) + "..." : job.product_scope,
             to_string(job.status), seconds(report.elapsed));
  if (job.status == storage::JobStatus::kFailed && report.products == 0) {
    fmt::print("  error       {}\n", job.error);
    return;
  }

  fmt::print("  stores      {}\n", report.stores);
  fmt::print("  products    {}\n", report.products);
  fmt::print("  pairs       {} processed, {} answered, {} failed\n", job.processed, job.succeeded, job.failed);
  fmt::print("  stock       {} in stock, {} low, {} out, {} unknown\n", count_of(report, StockStatus::kInStock),
             count_of(report, StockStatus::kLowStock), count_of(report, StockStatus::kOutOfStock),
             count_of(report, StockStatus::kUnknown));
  fmt::print("  calls       {} made, {} naive (one per store and product), {} lower bound\n", job.requests,
             report.calls.naive, report.calls.lower_bound);
  if (job.requests > 0 && report.calls.naive > 0) {
    fmt::print("  saving      {:.1f}x fewer calls than naive\n",
               static_cast<double>(report.calls.naive) / static_cast<double>(job.requests));
  }
  if (report.retries > 0) {
    fmt::print("  retries     {}\n", report.retries);
  }
  if (!report.stop_reason.empty()) {
    fmt::print("  stopped     {} ({} pairs not asked keep their previous record)\n", report.stop_reason,
               report.not_asked);
  }
  if (!job.error.empty()) {
    fmt::print("  error       {}\n", job.error);
  }
}

void print_schedule(const sync::SchedulerStatus& status) {
  fmt::print("Scheduler after {} rounds\n", status.rounds);
  fmt::print("{:<8}  {:>14}  {:>14}  {:>10}  {:>10}  {:>12}  {:>14}\n", "retailer", "formula fresh", "others fresh",
             "calls/24h", "budget", "quota left", "needed/day");
  for (const sync::RetailerSchedule& retailer : status.retailers) {
    fmt::print("{:<8}  {:>14}  {:>14}  {:>10}  {:>10}  {:>12}  {:>14}\n", to_string(retailer.retailer),
               percent(retailer.formula_fresh, retailer.formula_pairs),
               percent(retailer.other_fresh, retailer.other_pairs), retailer.calls_last_day, retailer.daily_budget,
               retailer.quota_remaining, retailer.calls_needed_per_day);
    if (retailer.deferred_formula > 0 || retailer.deferred_other > 0) {
      fmt::print("  not kept fresh for lack of quota: {} formula pairs, {} other pairs\n", retailer.deferred_formula,
                 retailer.deferred_other);
    }
  }
}

}  // namespace wic::cli
