#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace wic {

// Largest accepted time scale: a simulated day in under 9 real seconds.
// SystemTime counts signed 64-bit nanoseconds and ends in the year 2262,
// which a faster clock started today would reach within days of real time.
inline constexpr double kMaxTimeScale = 10000;

// A simulated clock that several processes share:
//   simulated time = start + (real time - anchor) x scale.
// Processes given the same three values agree on the simulated time.
struct SimulatedTime {
  double scale = 1.0;                // simulated seconds per real second
  std::optional<SystemTime> start;   // simulated time at the anchor; default: the anchor itself
  std::optional<SystemTime> anchor;  // real (wall clock) time; default: when the clock is made
};

// The three settings as text from a command line or the environment. An
// empty string is a setting not given.
struct SimulatedTimeText {
  std::string scale;
  std::string start;
  std::string anchor;
};

// Parses each value; `option` names it in the error message, e.g.
// "--time-scale". A scale is a number above 0, at most kMaxTimeScale. A
// start is a UTC time "YYYY-MM-DDTHH:MM:SSZ" (seconds and milliseconds
// optional). An anchor is Unix time in milliseconds.
Result<double> parse_time_scale(std::string_view text, std::string_view option);
Result<SystemTime> parse_start_time(std::string_view text, std::string_view option);
Result<SystemTime> parse_time_anchor(std::string_view text, std::string_view option);

// Parses the settings given; returns no settings when none is given, which
// means real time. Error messages name the option of the bad value, as
// "--time-scale (WIC_TIME_SCALE)".
Result<std::optional<SimulatedTime>> parse_simulated_time(const SimulatedTimeText& text);

// Makes a ScaledClock over `base` for `settings`, or returns `base` when
// there are no settings.
std::shared_ptr<Clock> make_clock(const std::optional<SimulatedTime>& settings,
                                  std::shared_ptr<Clock> base = RealClock::shared());

// Parses "YYYY-MM-DDTHH:MM[:SS[.mmm]]Z" as UTC: seconds optional, then
// exactly three digits of milliseconds optional.
std::optional<SystemTime> parse_utc_time(std::string_view text);
// Formats as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string format_utc_time(SystemTime time);
std::int64_t unix_milliseconds(SystemTime time);

}  // namespace wic
