#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace wic::sandbox {

// Counters of the sandbox at one moment.
struct StatsSnapshot {
  // endpoint ("walmart.items", ...) -> client id -> calls. Calls that fail
  // before the client is known count under "anonymous".
  std::map<std::string, std::map<std::string, std::int64_t>> calls;
  // endpoint -> HTTP status -> responses; a reset or timeout counts as 0.
  std::map<std::string, std::map<int, std::int64_t>> statuses;
  // 429s sent, by reason: "quota" (daily quota spent), "burst" (per-second
  // limit), "storm" (injected fault).
  std::map<std::string, std::int64_t> rate_limited;
  // Faults sent, by the names FaultRates uses.
  std::map<std::string, std::int64_t> faults;

  // Calls to `endpoint`, by `client_id` or by every client when empty.
  std::int64_t calls_to(std::string_view endpoint, std::string_view client_id = {}) const;
  std::int64_t total_calls() const;
  std::int64_t status_count(std::string_view endpoint, int status) const;
  std::int64_t faults_sent(std::string_view fault) const;
  std::int64_t rate_limited_count(std::string_view reason) const;
};

// Thread-safe counters behind GET /_sandbox/stats.
class SandboxStats {
 public:
  void record_call(std::string_view endpoint, std::string_view client_id, int status);
  void record_fault(std::string_view fault);
  void record_rate_limited(std::string_view reason);
  StatsSnapshot snapshot() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  StatsSnapshot counters_;
};

boost::json::object to_json(const StatsSnapshot& stats);

}  // namespace wic::sandbox
