#include "api/metrics.h"

#include <algorithm>

#include <fmt/format.h>

namespace wic::api {
namespace {

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void render_service(std::string& out, const inventory::ServiceStats& stats) {
  auto out_it = std::back_inserter(out);
  header(out, "wic_cache_hits_total", "counter", "Item lookups answered from the in-memory cache.");
  fmt::format_to(out_it, "wic_cache_hits_total {}\n", stats.cache_hits);
  header(out, "wic_cache_misses_total", "counter", "Item lookups that read storage.");
  fmt::format_to(out_it, "wic_cache_misses_total {}\n", stats.cache_misses);
  header(out, "wic_cache_entries", "gauge", "Items held in the cache.");
  fmt::format_to(out_it, "wic_cache_entries {}\n", stats.cache_entries);
  header(out, "wic_cache_evictions_total", "counter", "Items evicted from the full cache.");
  fmt::format_to(out_it, "wic_cache_evictions_total {}\n", stats.cache_evictions);

  header(out, "wic_refreshes_total", "counter", "Background refreshes by outcome.");
  const auto& refreshes = stats.refreshes;
  for (const auto& [outcome, value] : {std::pair{"started", refreshes.started},
                                       {"succeeded", refreshes.succeeded},
                                       {"failed", refreshes.failed},
                                       {"joined", refreshes.joined},
                                       {"skipped_quota_or_breaker", refreshes.skipped},
                                       {"throttled", refreshes.throttled}}) {
    fmt::format_to(out_it, "wic_refreshes_total{{outcome=\"{}\"}} {}\n", outcome, value);
  }

  header(out, "wic_reports_total", "counter", "Shopper reports by outcome.");
  fmt::format_to(out_it, "wic_reports_total{{outcome=\"accepted\"}} {}\n", stats.reports_accepted);
  fmt::format_to(out_it, "wic_reports_total{{outcome=\"rate_limited\"}} {}\n", stats.reports_rate_limited);
}

void render_retailers(std::string& out, const std::vector<inventory::RetailerHealth>& health) {
  auto out_it = std::back_inserter(out);
  header(out, "wic_upstream_calls_total", "counter", "Retailer API calls by retailer and outcome.");
  for (const auto& retailer : health) {
    const auto name = to_string(retailer.retailer);
    fmt::format_to(out_it, "wic_upstream_calls_total{{retailer=\"{}\",outcome=\"ok\"}} {}\n", name, retailer.calls_ok);
    fmt::format_to(out_it, "wic_upstream_calls_total{{retailer=\"{}\",outcome=\"failed\"}} {}\n", name,
                   retailer.calls_failed);
    fmt::format_to(out_it, "wic_upstream_calls_total{{retailer=\"{}\",outcome=\"rate_limited\"}} {}\n", name,
                   retailer.calls_rate_limited);
  }
  header(out, "wic_upstream_quota_remaining", "gauge", "Calls left in the retailer's tightest quota window.");
  for (const auto& retailer : health) {
    fmt::format_to(out_it, "wic_upstream_quota_remaining{{retailer=\"{}\"}} {}\n", to_string(retailer.retailer),
                   retailer.quota_remaining);
  }
  header(out, "wic_upstream_error_rate", "gauge", "Share of recent retailer calls that failed, 0 to 1.");
  for (const auto& retailer : health) {
    fmt::format_to(out_it, "wic_upstream_error_rate{{retailer=\"{}\"}} {}\n", to_string(retailer.retailer),
                   retailer.recent_error_rate);
  }
  header(out, "wic_upstream_breaker_open", "gauge", "1 when the retailer's circuit breaker is in the state.");
  for (const auto& retailer : health) {
    for (const auto state :
         {inventory::BreakerState::kClosed, inventory::BreakerState::kOpen, inventory::BreakerState::kHalfOpen}) {
      fmt::format_to(out_it, "wic_upstream_breaker_open{{retailer=\"{}\",state=\"{}\"}} {}\n",
                     to_string(retailer.retailer), inventory::to_string(state), retailer.breaker == state ? 1 : 0);
    }
  }
}

}  // namespace

Metrics::Metrics(std::vector<std::string> routes) : routes_(std::move(routes)) {
  routes_.emplace_back("unmatched");
  series_ = std::make_unique<RouteSeries[]>(routes_.size());
}

void Metrics::record(std::size_t route, int status, std::chrono::nanoseconds latency) {
  RouteSeries& series = series_[std::min(route, unmatched_route())];

  const auto status_slot = std::find(kStatuses.begin(), kStatuses.end() - 1, status) - kStatuses.begin();
  series.by_status[static_cast<std::size_t>(status_slot)].fetch_add(1, std::memory_order_relaxed);

  const double seconds = std::chrono::duration<double>(latency).count();
  const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  if (static_cast<std::size_t>(bucket) < kBuckets.size()) {
    series.buckets[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  }
  series.count.fetch_add(1, std::memory_order_relaxed);
  series.sum_nanoseconds.fetch_add(latency.count(), std::memory_order_relaxed);
}

std::string Metrics::render(const inventory::ServiceStats& stats,
                            const std::vector<inventory::RetailerHealth>& health) const {
  std::string out;
  auto out_it = std::back_inserter(out);

  header(out, "wic_http_requests_total", "counter", "HTTP requests by route and status.");
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    for (std::size_t s = 0; s < kStatuses.size(); ++s) {
      const auto value = series_[r].by_status[s].load(std::memory_order_relaxed);
      if (value == 0) {
        continue;
      }
      const std::string status = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      fmt::format_to(out_it, "wic_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", routes_[r], status, value);
    }
  }

  header(out, "wic_http_request_duration_seconds", "histogram", "Time from a parsed request to its reply.");
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    const RouteSeries& series = series_[r];
    std::int64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += series.buckets[b].load(std::memory_order_relaxed);
      fmt::format_to(out_it, "wic_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", routes_[r],
                     kBuckets[b], cumulative);
    }
    const auto count = series.count.load(std::memory_order_relaxed);
    fmt::format_to(out_it, "wic_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", routes_[r],
                   count);
    fmt::format_to(out_it, "wic_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", routes_[r],
                   static_cast<double>(series.sum_nanoseconds.load(std::memory_order_relaxed)) / 1e9);
    fmt::format_to(out_it, "wic_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", routes_[r], count);
  }

  render_service(out, stats);
  render_retailers(out, health);
  return out;
}

}  // namespace wic::api
