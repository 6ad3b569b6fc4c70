#include "core/simulated_time.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "core/scaled_clock.h"

namespace wic {
namespace {

constexpr std::string_view kScaleOption = "--time-scale (WIC_TIME_SCALE)";
constexpr std::string_view kStartOption = "--start-time (WIC_START_TIME)";
constexpr std::string_view kAnchorOption = "--time-anchor (WIC_TIME_ANCHOR)";

Error invalid_value(std::string_view option, std::string_view text, std::string_view expected) {
  return Error{"invalid_simulated_time", fmt::format("invalid {} \"{}\": expected {}", option, text, expected)};
}

}  // namespace

Result<double> parse_time_scale(std::string_view text, std::string_view option) {
  double scale = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), scale);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(scale) || scale <= 0 ||
      scale > kMaxTimeScale) {
    return invalid_value(option, text,
                         fmt::format("simulated seconds per real second, above 0 and at most {}, e.g. 60 for one "
                                     "simulated hour a real minute",
                                     kMaxTimeScale));
  }
  return scale;
}

Result<SystemTime> parse_start_time(std::string_view text, std::string_view option) {
  const auto time = parse_utc_time(text);
  if (!time) {
    return invalid_value(option, text, "a UTC time YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-03T00:00:00Z");
  }
  return *time;
}

Result<SystemTime> parse_time_anchor(std::string_view text, std::string_view option) {
  std::int64_t milliseconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), milliseconds);
  if (error != std::errc{} || end != text.data() + text.size() || milliseconds <= 0) {
    return invalid_value(option, text,
                         "Unix time in milliseconds, the real time at which the simulated clock reads its start, "
                         "e.g. the output of `date +%s%3N`");
  }
  return SystemTime(std::chrono::milliseconds{milliseconds});
}

Result<std::optional<SimulatedTime>> parse_simulated_time(const SimulatedTimeText& text) {
  if (text.scale.empty() && text.start.empty() && text.anchor.empty()) {
    return std::optional<SimulatedTime>{};
  }

  SimulatedTime settings;
  if (!text.scale.empty()) {
    auto scale = parse_time_scale(text.scale, kScaleOption);
    if (!scale) {
      return scale.error();
    }
    settings.scale = *scale;
  }
  if (!text.start.empty()) {
    auto start = parse_start_time(text.start, kStartOption);
    if (!start) {
      return start.error();
    }
    settings.start = *start;
  }
  if (!text.anchor.empty()) {
    auto anchor = parse_time_anchor(text.anchor, kAnchorOption);
    if (!anchor) {
      return anchor.error();
    }
    settings.anchor = *anchor;
  }
  return std::optional<SimulatedTime>{settings};
}

std::shared_ptr<Clock> make_clock(const std::optional<SimulatedTime>& settings, std::shared_ptr<Clock> base) {
  if (!settings) {
    return base;
  }
  return std::make_shared<ScaledClock>(settings->scale, settings->start, std::move(base), settings->anchor);
}

std::optional<SystemTime> parse_utc_time(std::string_view text) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  const std::string copy(text);
  int consumed = 0;

  // Seconds are optional, and so are milliseconds after them.
  bool has_seconds = true;
  if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                  &consumed) != 6) {
    has_seconds = false;
    consumed = 0;
    second = 0;
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2d:%2d%n", &year, &month, &day, &hour, &minute, &consumed) != 5) {
      return std::nullopt;
    }
  }
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  int millisecond = 0;
  if (has_seconds && rest.size() == 5 && rest.front() == '.') {
    const auto [end, error] = std::from_chars(rest.data() + 1, rest.data() + 4, millisecond);
    if (error != std::errc{} || end != rest.data() + 4) {
      return std::nullopt;
    }
    rest.remove_prefix(4);
  }
  if (rest != "Z") {
    return std::nullopt;
  }

  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
      millisecond < 0) {
    return std::nullopt;
  }
  return SystemTime(std::chrono::sys_days(date)) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) + std::chrono::milliseconds(millisecond);
}

std::string format_utc_time(SystemTime time) {
  const auto whole_seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(time - whole_seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", whole_seconds, milliseconds);
}

std::int64_t unix_milliseconds(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

}  // namespace wic
