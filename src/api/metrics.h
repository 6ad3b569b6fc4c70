#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "inventory/inventory_service.h"

namespace wic::api {

// Request counters and latency histograms by route, kept in atomics so that
// recording a request takes no lock. Rendered with the service's and the
// retailers' counters in the Prometheus text format (version 0.0.4).
class Metrics {
 public:
  // `routes` names each route, e.g. "GET /healthz"; one more series,
  // "unmatched", counts requests that matched no route.
  explicit Metrics(std::vector<std::string> routes);

  std::size_t unmatched_route() const { return routes_.size() - 1; }

  // Counts one request of `route` that ended with `status` after `latency`.
  void record(std::size_t route, int status, std::chrono::nanoseconds latency);

  std::string render(const inventory::ServiceStats& stats, const std::vector<inventory::RetailerHealth>& health) const;

 private:
  // Statuses the API sends; anything else counts as "other".
  static constexpr std::array<int, 12> kStatuses{200, 201, 202, 400, 401, 404, 405, 413, 429, 500, 503, 0};
  // Upper bounds of the latency buckets, in seconds: 50 µs to 2.5 s.
  static constexpr std::array<double, 14> kBuckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                   0.01,    0.025,  0.05,    0.1,    0.25,  1.0,    2.5};

  struct RouteSeries {
    std::array<std::atomic<std::int64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::int64_t>, kBuckets.size()> buckets{};  // not cumulative; summed when rendered
    std::atomic<std::int64_t> count{0};
    std::atomic<std::int64_t> sum_nanoseconds{0};
  };

  std::vector<std::string> routes_;
  std::unique_ptr<RouteSeries[]> series_;
};

}  // namespace wic::api
