#include <gtest/gtest.h>

#include "core/scaled_clock.h"
#include "core/simulated_time.h"

namespace wic {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

SystemTime utc(std::string_view text) {
  const auto time = parse_utc_time(text);
  EXPECT_TRUE(time.has_value()) << text;
  return time.value_or(SystemTime{});
}

TEST(ScaledClockTest, RunsScaleTimesFaster) {
  auto base = std::make_shared<ManualClock>(utc("2026-01-10T08:00:00Z"));
  ScaledClock clock(60, utc("2025-03-03T00:00:00Z"), base);
  const MonotonicTime monotonic_start = clock.monotonic_now();

  base->advance(minutes(2));

  EXPECT_EQ(clock.system_now(), utc("2025-03-03T02:00:00Z"));
  EXPECT_EQ(clock.monotonic_now() - monotonic_start, hours(2));
}

TEST(ScaledClockTest, AnchorInThePastCountsFromAnchor) {
  auto base = std::make_shared<ManualClock>(utc("2026-01-10T08:00:10Z"));

  // Made 10 real seconds after the anchor, so 600 simulated seconds have
  // passed already.
  ScaledClock clock(60, utc("2025-03-03T00:00:00Z"), base, utc("2026-01-10T08:00:00Z"));

  EXPECT_EQ(clock.system_now(), utc("2025-03-03T00:10:00Z"));
}

TEST(ScaledClockTest, ClocksWithSameAnchorAgree) {
  auto base = std::make_shared<ManualClock>(utc("2026-01-10T08:00:00Z"));
  const SystemTime anchor = base->system_now();
  const SystemTime start = utc("2025-03-03T00:00:00Z");
  ScaledClock first(960, start, base, anchor);

  base->advance(milliseconds(1234));
  ScaledClock second(960, start, base, anchor);
  base->advance(seconds(45));

  EXPECT_EQ(first.system_now(), second.system_now());
  EXPECT_EQ(second.system_now(), start + milliseconds((1234 + 45000) * 960));
}

TEST(ScaledClockTest, StartDefaultsToAnchor) {
  auto base = std::make_shared<ManualClock>(utc("2026-01-10T08:00:30Z"));

  ScaledClock clock(2, std::nullopt, base, utc("2026-01-10T08:00:00Z"));

  EXPECT_EQ(clock.system_now(), utc("2026-01-10T08:01:00Z"));
}

TEST(ScaledClockTest, AnchorIgnoresLaterWallClockStep) {
  // A ManualClock moves both time lines; a stepped wall clock is a base
  // whose system time jumps while its monotonic time does not.
  class SteppedClock final : public Clock {
   public:
    SystemTime system_now() const override { return system; }
    MonotonicTime monotonic_now() const override { return monotonic; }
    void sleep_for(Duration) override {}
    SystemTime system{std::chrono::hours{24 * 20454}};
    MonotonicTime monotonic{};
  };
  auto base = std::make_shared<SteppedClock>();
  const SystemTime start = utc("2025-03-03T00:00:00Z");
  ScaledClock clock(10, start, base, base->system);

  base->system += hours(1);
  base->monotonic += seconds(3);

  EXPECT_EQ(clock.system_now(), start + seconds(30));
}

TEST(ScaledClockTest, SleepTakesScaledRealTime) {
  auto base = std::make_shared<ManualClock>();
  ScaledClock clock(120, std::nullopt, base);
  const MonotonicTime start = base->monotonic_now();

  clock.sleep_for(hours(1));

  EXPECT_EQ(base->monotonic_now() - start, seconds(30));
}

TEST(ScaledClockTest, SetAndAdvanceMoveSystemTime) {
  auto base = std::make_shared<ManualClock>();
  ScaledClock clock(60, utc("2025-01-01T00:00:00Z"), base, base->system_now());
  const MonotonicTime monotonic_start = clock.monotonic_now();

  clock.set(utc("2024-12-31T00:00:00Z"));
  const SystemTime after_set_back = clock.system_now();
  clock.advance(hours(2));
  clock.advance(-hours(5));

  EXPECT_EQ(after_set_back, utc("2024-12-31T00:00:00Z"));
  EXPECT_EQ(clock.system_now(), utc("2024-12-31T02:00:00Z"));
  EXPECT_EQ(clock.monotonic_now() - monotonic_start, hours(2));
}

TEST(SimulatedTimeTest, NothingGivenIsRealTime) {
  const auto settings = parse_simulated_time({});

  ASSERT_TRUE(settings.ok());
  EXPECT_FALSE(settings->has_value());
  const auto base = std::make_shared<ManualClock>();
  EXPECT_EQ(make_clock(*settings, base), base);
}

TEST(SimulatedTimeTest, ParsesAllThreeValues) {
  const auto settings = parse_simulated_time({"960", "2025-03-03T00:00:00Z", "1767225600000"});

  ASSERT_TRUE(settings.ok()) << settings.error().message;
  ASSERT_TRUE(settings->has_value());
  const SimulatedTime& time = **settings;
  EXPECT_DOUBLE_EQ(time.scale, 960);
  EXPECT_EQ(time.start, utc("2025-03-03T00:00:00Z"));
  EXPECT_EQ(time.anchor, SystemTime(milliseconds(1767225600000)));
}

TEST(SimulatedTimeTest, ClockFromSettingsFollowsFormula) {
  auto base = std::make_shared<ManualClock>(SystemTime(milliseconds(1767225605000)));
  const auto settings = parse_simulated_time({"960", "2025-03-03T00:00:00Z", "1767225600000"});
  ASSERT_TRUE(settings.ok());

  const auto clock = make_clock(*settings, base);

  // 5 real seconds after the anchor: 4800 simulated seconds after the start.
  EXPECT_EQ(clock->system_now(), utc("2025-03-03T01:20:00Z"));
}

TEST(SimulatedTimeTest, ScaleAloneStartsNow) {
  auto base = std::make_shared<ManualClock>(utc("2026-01-10T08:00:00Z"));
  const auto settings = parse_simulated_time({"60", "", ""});
  ASSERT_TRUE(settings.ok());

  const auto clock = make_clock(*settings, base);
  base->advance(seconds(1));

  EXPECT_EQ(clock->system_now(), utc("2026-01-10T08:01:00Z"));
}

TEST(SimulatedTimeTest, BadScaleNamesValueAndOption) {
  for (const std::string text : {"0", "-5", "fast", "nan", "inf", "1e9", "60x", ""}) {
    if (text.empty()) {
      continue;
    }
    const auto settings = parse_simulated_time({text, "", ""});

    ASSERT_FALSE(settings.ok()) << text;
    EXPECT_NE(settings.error().message.find("\"" + text + "\""), std::string::npos) << settings.error().message;
    EXPECT_NE(settings.error().message.find("--time-scale"), std::string::npos) << settings.error().message;
    EXPECT_NE(settings.error().message.find("WIC_TIME_SCALE"), std::string::npos) << settings.error().message;
  }
}

TEST(SimulatedTimeTest, BadStartNamesValueAndOption) {
  for (const std::string text : {"2025-03-03", "2025-02-30T00:00:00Z", "2025-03-03T24:00:00Z", "2025-03-03T00:00:00",
                                 "2025-03-03T00:00:00.5Z", "yesterday"}) {
    const auto settings = parse_simulated_time({"", text, ""});

    ASSERT_FALSE(settings.ok()) << text;
    EXPECT_NE(settings.error().message.find("\"" + text + "\""), std::string::npos) << settings.error().message;
    EXPECT_NE(settings.error().message.find("--start-time"), std::string::npos) << settings.error().message;
  }
}

TEST(SimulatedTimeTest, BadAnchorNamesValueAndOption) {
  for (const std::string text : {"0", "-1", "1767225600.5", "2026-01-01T00:00:00Z", "soon"}) {
    const auto settings = parse_simulated_time({"", "", text});

    ASSERT_FALSE(settings.ok()) << text;
    EXPECT_NE(settings.error().message.find("\"" + text + "\""), std::string::npos) << settings.error().message;
    EXPECT_NE(settings.error().message.find("--time-anchor"), std::string::npos) << settings.error().message;
  }
}

TEST(UtcTimeTest, ParsesAndFormatsMilliseconds) {
  const SystemTime time = utc("2025-03-03T04:05:06.789Z");

  EXPECT_EQ(format_utc_time(time), "2025-03-03T04:05:06.789Z");
  EXPECT_EQ(utc("2025-03-03T04:05Z"), utc("2025-03-03T04:05:00.000Z"));
  EXPECT_EQ(unix_milliseconds(utc("1970-01-01T00:00:01.500Z")), 1500);
}

}  // namespace
}  // namespace wic
