#include "ratelimit/limits_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace wic::ratelimit {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

struct WindowKind {
  std::string_view name;
  Duration period;
  int slots;  // a day in hours, an hour in minutes, a minute and a second in tenths
};

const std::array<WindowKind, 4>& window_kinds() {
  static const std::array<WindowKind, 4> kinds{{
      {"second", seconds{1}, 10},
      {"minute", minutes{1}, 60},
      {"hour", hours{1}, 60},
      {"day", days{1}, 24},
  }};
  return kinds;
}

WindowSpec make_window(std::string_view name, std::int64_t limit) {
  for (const WindowKind& kind : window_kinds()) {
    if (kind.name == name) {
      return WindowSpec{std::string(name), kind.period, limit, kind.slots};
    }
  }
  return WindowSpec{std::string(name), days{1}, limit, 24};
}

LimiterConfig make_config(double rate, double burst, std::int64_t per_day) {
  return LimiterConfig{rate, burst, {make_window("day", per_day)}};
}

void set_window(LimiterConfig& config, std::string_view name, std::int64_t limit) {
  auto& windows = config.windows;
  windows.erase(std::remove_if(windows.begin(), windows.end(), [&](const WindowSpec& w) { return w.name == name; }),
                windows.end());
  if (limit > 0) {
    windows.push_back(make_window(name, limit));
  }
}

std::vector<std::string_view> split_spec(std::string_view spec) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start < spec.size()) {
    const std::size_t end = spec.find_first_of(" ,\t", start);
    const std::size_t stop = end == std::string_view::npos ? spec.size() : end;
    if (stop > start) {
      parts.push_back(spec.substr(start, stop - start));
    }
    start = stop + 1;
  }
  return parts;
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

Error invalid_spec(std::string_view spec, std::string_view reason) {
  return Error{"invalid_rate_limit",
               fmt::format("invalid rate limit \"{}\": {}; expected keys rate, burst, second, minute, hour, day as "
                           "in \"rate=2 burst=10 day=4000\"",
                           spec, reason)};
}

}  // namespace

LimitsConfig default_limits() {
  return LimitsConfig{
      {"walmart:affiliate", make_config(2, 10, 4000)},
      {"kroger:products", make_config(2, 10, 9000)},
      {"kroger:locations", make_config(1, 5, 1400)},
  };
}

std::string limits_variable(std::string_view key) {
  std::string name = "WIC_RATE_LIMIT_";
  for (char c : key) {
    name += c == ':' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

Result<LimiterConfig> parse_limiter_config(std::string_view spec, const LimiterConfig& base) {
  LimiterConfig config = base;

  for (std::string_view part : split_spec(spec)) {
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) {
      return invalid_spec(spec, fmt::format("\"{}\" has no '='", part));
    }
    const std::string_view key = part.substr(0, equals);
    const std::optional<double> value = parse_number(part.substr(equals + 1));
    if (!value || *value < 0) {
      return invalid_spec(spec, fmt::format("the value of {} is not a non-negative number", key));
    }

    if (key == "rate") {
      if (*value <= 0) {
        return invalid_spec(spec, "rate must be above 0 tokens per second");
      }
      config.rate = *value;
    } else if (key == "burst") {
      if (*value < 1) {
        return invalid_spec(spec, "burst must be at least 1");
      }
      config.burst = *value;
    } else if (key == "second" || key == "minute" || key == "hour" || key == "day") {
      if (*value != std::floor(*value)) {
        return invalid_spec(spec, fmt::format("{} must be a whole number of requests", key));
      }
      set_window(config, key, static_cast<std::int64_t>(*value));
    } else {
      return invalid_spec(spec, fmt::format("unknown key \"{}\"", key));
    }
  }
  return config;
}

Result<LimitsConfig> limits_from_environment(const EnvironmentLookup& lookup) {
  LimitsConfig limits = default_limits();

  for (auto& [key, config] : limits) {
    const std::string variable = limits_variable(key);
    const std::optional<std::string> spec = lookup(variable);
    if (!spec) {
      continue;
    }
    Result<LimiterConfig> parsed = parse_limiter_config(*spec, config);
    if (!parsed) {
      return Error{parsed.error().code, fmt::format("{}: {}", variable, parsed.error().message)};
    }
    config = std::move(parsed).value();
  }
  return limits;
}

}  // namespace wic::ratelimit
