#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace wic::testing {

// Events the test reads from a wic-inventory log on standard error. Each
// line starts with the real (wall clock) time, in spdlog's
// "%Y-%m-%dT%H:%M:%S.%e%z" form.
struct LeaseEvent {
  SystemTime at;  // real time
  bool acquired = false;  // true: "scheduler: holds the lease", false: "scheduler: lost the lease"
  // For a lost lease: the time of the log line before it, the worker's
  // last call or round before it found the lease gone.
  SystemTime last_activity;
};

struct RoundEvent {
  SystemTime at;  // real time at the end of the round
  std::string retailer;
  int calls = 0;
};

// Parses "2026-12-04T23:40:01.123+01:00" at the start of `line` as UTC.
std::optional<SystemTime> log_line_time(std::string_view line);

std::vector<LeaseEvent> lease_events(const std::string& log_text);
std::vector<RoundEvent> round_events(const std::string& log_text);

// The first "http://127.0.0.1:PORT" in `text`, as a server prints it.
std::optional<std::string> listening_url(const std::string& text);

}  // namespace wic::testing
