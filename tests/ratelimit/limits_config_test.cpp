#include <gtest/gtest.h>

#include <map>

#include "ratelimit/limits_config.h"

namespace wic::ratelimit {
namespace {

TEST(LimitsConfigTest, SpecOverridesOnlyGivenKeys) {
  const LimiterConfig base = default_limits().at("walmart:affiliate");

  const auto parsed = parse_limiter_config("rate=0.5, minute=30 day=1000", base);

  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_DOUBLE_EQ(parsed->rate, 0.5);
  EXPECT_DOUBLE_EQ(parsed->burst, 10);
  ASSERT_EQ(parsed->windows.size(), 2u);
  EXPECT_EQ(parsed->windows[0].name, "minute");
  EXPECT_EQ(parsed->windows[0].limit, 30);
  EXPECT_EQ(parsed->windows[1].name, "day");
  EXPECT_EQ(parsed->windows[1].limit, 1000);
}

TEST(LimitsConfigTest, ZeroRemovesWindow) {
  const auto parsed = parse_limiter_config("day=0", default_limits().at("kroger:products"));

  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->windows.empty());
}

TEST(LimitsConfigTest, InvalidSpecsNameTheProblem) {
  const LimiterConfig base = default_limits().at("kroger:products");
  const std::map<std::string, std::string> cases{
      {"day", "has no '='"},
      {"week=5", "unknown key \"week\""},
      {"rate=fast", "not a non-negative number"},
      {"rate=0", "rate must be above 0"},
      {"burst=0.5", "burst must be at least 1"},
      {"day=10.5", "whole number"},
      {"hour=-1", "not a non-negative number"},
  };

  for (const auto& [spec, expected] : cases) {
    const auto parsed = parse_limiter_config(spec, base);
    ASSERT_FALSE(parsed.ok()) << spec;
    EXPECT_NE(parsed.error().message.find(expected), std::string::npos) << parsed.error().message;
    EXPECT_NE(parsed.error().message.find(spec), std::string::npos) << parsed.error().message;
  }
}

TEST(LimitsConfigTest, EnvironmentOverridesNamedEndpoint) {
  const std::map<std::string, std::string> env{{"WIC_RATE_LIMIT_KROGER_LOCATIONS", "day=100 burst=2"}};
  const auto lookup = [&](const std::string& name) -> std::optional<std::string> {
    const auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional(it->second);
  };

  const auto limits = limits_from_environment(lookup);

  ASSERT_TRUE(limits.ok()) << limits.error().message;
  EXPECT_EQ(limits->at("kroger:locations").windows.at(0).limit, 100);
  EXPECT_DOUBLE_EQ(limits->at("kroger:locations").burst, 2);
  EXPECT_EQ(limits->at("kroger:products").windows.at(0).limit, 9000);
}

TEST(LimitsConfigTest, EnvironmentErrorNamesVariable) {
  const auto lookup = [](const std::string& name) -> std::optional<std::string> {
    if (name == "WIC_RATE_LIMIT_WALMART_AFFILIATE") {
      return "day=lots";
    }
    return std::nullopt;
  };

  const auto limits = limits_from_environment(lookup);

  ASSERT_FALSE(limits.ok());
  EXPECT_NE(limits.error().message.find("WIC_RATE_LIMIT_WALMART_AFFILIATE"), std::string::npos);
  EXPECT_NE(limits.error().message.find("day=lots"), std::string::npos);
}

TEST(LimitsConfigTest, VariableNameFromKey) { EXPECT_EQ(limits_variable("walmart:affiliate"), "WIC_RATE_LIMIT_WALMART_AFFILIATE"); }

}  // namespace
}  // namespace wic::ratelimit
