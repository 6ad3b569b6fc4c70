#include "api/answer_json.h"

#include <gtest/gtest.h>

namespace wic::api {
namespace {

SystemTime utc(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  const std::chrono::sys_days date = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
  return SystemTime(date + std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second));
}

TEST(Iso8601, WritesUtcWithSeconds) {
  EXPECT_EQ(iso8601(utc(2026, 1, 2, 3, 4, 5)), "2026-01-02T03:04:05Z");
  EXPECT_EQ(iso8601(utc(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");
  EXPECT_EQ(iso8601(utc(1970, 1, 1, 0, 0, 0)), "1970-01-01T00:00:00Z");
}

TEST(Iso8601, DropsFractionsOfASecond) {
  EXPECT_EQ(iso8601(utc(2026, 12, 31, 12, 0, 0) + std::chrono::milliseconds(999)), "2026-12-31T12:00:00Z");
}

}  // namespace
}  // namespace wic::api
