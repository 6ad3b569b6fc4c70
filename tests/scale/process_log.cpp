#include "process_log.h"

#include <regex>
#include <sstream>

#include "core/simulated_time.h"

namespace wic::testing {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

std::optional<SystemTime> log_line_time(std::string_view line) {
  // "YYYY-MM-DDTHH:MM:SS.mmm" then the offset "+HH:MM" or "+HHMM".
  constexpr std::size_t kLocalLength = 23;
  if (line.size() < kLocalLength + 5) {
    return std::nullopt;
  }
  const auto local = parse_utc_time(std::string(line.substr(0, kLocalLength)) + "Z");
  if (!local) {
    return std::nullopt;
  }

  const char sign = line[kLocalLength];
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  std::string digits;
  for (std::size_t i = kLocalLength + 1; i < line.size() && digits.size() < 4; ++i) {
    if (std::isdigit(static_cast<unsigned char>(line[i])) != 0) {
      digits += line[i];
    } else if (line[i] != ':') {
      break;
    }
  }
  if (digits.size() != 4) {
    return std::nullopt;
  }
  const auto offset = std::chrono::hours{std::stoi(digits.substr(0, 2))} + std::chrono::minutes{std::stoi(digits.substr(2))};
  return sign == '+' ? *local - offset : *local + offset;
}

std::vector<LeaseEvent> lease_events(const std::string& log_text) {
  std::vector<LeaseEvent> events;
  std::optional<SystemTime> previous;
  for (const std::string& line : lines_of(log_text)) {
    const auto at = log_line_time(line);
    if (!at) {
      continue;
    }
    const bool acquired = line.find("scheduler: holds the lease") != std::string::npos;
    const bool lost = line.find("scheduler: lost the lease") != std::string::npos;
    if (acquired || lost) {
      events.push_back({*at, acquired, previous.value_or(*at)});
    }
    previous = *at;
  }
  return events;
}

std::vector<RoundEvent> round_events(const std::string& log_text) {
  static const std::regex kRound(R"(scheduler: (\w+) round: (\d+) calls)");
  std::vector<RoundEvent> events;
  for (const std::string& line : lines_of(log_text)) {
    std::smatch match;
    if (!std::regex_search(line, match, kRound)) {
      continue;
    }
    if (const auto at = log_line_time(line)) {
      events.push_back({*at, match[1].str(), std::stoi(match[2].str())});
    }
  }
  return events;
}

std::optional<std::string> listening_url(const std::string& text) {
  static const std::regex kUrl(R"(http://127\.0\.0\.1:\d+)");
  std::smatch match;
  if (!std::regex_search(text, match, kUrl)) {
    return std::nullopt;
  }
  return match.str();
}

}  // namespace wic::testing
