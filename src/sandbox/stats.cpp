#include "sandbox/stats.h"

#include <boost/json.hpp>

namespace wic::sandbox {
namespace {

template <typename Map>
std::int64_t find_or_zero(const Map& map, std::string_view key) {
  const auto found = map.find(std::string(key));
  return found == map.end() ? 0 : found->second;
}

}  // namespace

std::int64_t StatsSnapshot::calls_to(std::string_view endpoint, std::string_view client_id) const {
  const auto found = calls.find(std::string(endpoint));
  if (found == calls.end()) {
    return 0;
  }
  if (!client_id.empty()) {
    return find_or_zero(found->second, client_id);
  }
  std::int64_t total = 0;
  for (const auto& [client, count] : found->second) {
    total += count;
  }
  return total;
}

std::int64_t StatsSnapshot::total_calls() const {
  std::int64_t total = 0;
  for (const auto& [endpoint, clients] : calls) {
    total += calls_to(endpoint);
  }
  return total;
}

std::int64_t StatsSnapshot::status_count(std::string_view endpoint, int status) const {
  const auto found = statuses.find(std::string(endpoint));
  if (found == statuses.end()) {
    return 0;
  }
  const auto count = found->second.find(status);
  return count == found->second.end() ? 0 : count->second;
}

std::int64_t StatsSnapshot::faults_sent(std::string_view fault) const { return find_or_zero(faults, fault); }

std::int64_t StatsSnapshot::rate_limited_count(std::string_view reason) const {
  return find_or_zero(rate_limited, reason);
}

void SandboxStats::record_call(std::string_view endpoint, std::string_view client_id, int status) {
  std::lock_guard lock(mutex_);
  const std::string client = client_id.empty() ? "anonymous" : std::string(client_id);
  ++counters_.calls[std::string(endpoint)][client];
  ++counters_.statuses[std::string(endpoint)][status];
}

void SandboxStats::record_fault(std::string_view fault) {
  std::lock_guard lock(mutex_);
  ++counters_.faults[std::string(fault)];
}

void SandboxStats::record_rate_limited(std::string_view reason) {
  std::lock_guard lock(mutex_);
  ++counters_.rate_limited[std::string(reason)];
}

StatsSnapshot SandboxStats::snapshot() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void SandboxStats::reset() {
  std::lock_guard lock(mutex_);
  counters_ = StatsSnapshot{};
}

boost::json::object to_json(const StatsSnapshot& stats) {
  boost::json::object calls;
  for (const auto& [endpoint, clients] : stats.calls) {
    boost::json::object by_client;
    for (const auto& [client, count] : clients) {
      by_client[client] = count;
    }
    boost::json::object by_status;
    for (const auto& [status, count] : stats.statuses.at(endpoint)) {
      by_status[std::to_string(status)] = count;
    }
    calls[endpoint] = {{"total", stats.calls_to(endpoint)}, {"by_client", by_client}, {"by_status", by_status}};
  }

  boost::json::object rate_limited;
  for (const auto& [reason, count] : stats.rate_limited) {
    rate_limited[reason] = count;
  }
  boost::json::object faults;
  for (const auto& [fault, count] : stats.faults) {
    faults[fault] = count;
  }
  return {{"total_calls", stats.total_calls()}, {"calls", calls}, {"rate_limited", rate_limited}, {"faults", faults}};
}

}  // namespace wic::sandbox
