#include "sandbox/scaled_clock.h"
#include "sandbox/wire.h"
#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

class ControlTest : public SandboxTest {};

TEST_F(ControlTest, StatsCountCallsByEndpointAndClient) {
  const std::string token = walmart_token();
  walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, token);
  walmart_get(std::string(kItemsPath) + "?upc=" + unlisted_upc(), token);
  client_->get(std::string(kItemsPath) + "?upc=" + a_cereal().upc);  // no token

  const auto response = client_->get("/_sandbox/stats");

  ASSERT_EQ(response.status, 200);
  const auto body = parse_json(response.body);
  EXPECT_EQ(body.at("total_calls").as_int64(), 4);
  const auto& items = body.at("calls").at("walmart.items");
  EXPECT_EQ(items.at("total").as_int64(), 3);
  EXPECT_EQ(items.at("by_client").at("sandbox-client").as_int64(), 2);
  EXPECT_EQ(items.at("by_client").at("anonymous").as_int64(), 1);
  EXPECT_EQ(items.at("by_status").at("200").as_int64(), 1);
  EXPECT_EQ(items.at("by_status").at("404").as_int64(), 1);
  EXPECT_EQ(items.at("by_status").at("401").as_int64(), 1);
  EXPECT_EQ(body.at("calls").at("walmart.token").at("total").as_int64(), 1);
  EXPECT_TRUE(body.at("rate_limited").is_object());
  EXPECT_TRUE(body.at("faults").is_object());
  EXPECT_EQ(body.at("now").as_string(), "2025-03-03T12:00:00Z");
}

TEST_F(ControlTest, ResetZeroesCounters) {
  walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, walmart_token());

  const auto reset = client_->post("/_sandbox/reset", "");
  const auto stats = sandbox_->stats();

  EXPECT_EQ(reset.status, 200);
  EXPECT_EQ(stats.total_calls(), 0);
  EXPECT_TRUE(sandbox_->quota_usage().empty());
}

TEST_F(ControlTest, TimeReadAndAdvanced) {
  const auto read = client_->get("/_sandbox/time");
  const auto advanced = client_->post("/_sandbox/time", R"({"advance_seconds": 3600})");
  const auto set = client_->post("/_sandbox/time", R"({"set": "2025-03-05T08:30:00Z"})");

  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(parse_json(read.body).at("now").as_string(), "2025-03-03T12:00:00Z");
  EXPECT_TRUE(parse_json(read.body).at("adjustable").as_bool());
  ASSERT_EQ(advanced.status, 200) << advanced.body;
  EXPECT_EQ(parse_json(advanced.body).at("now").as_string(), "2025-03-03T13:00:00Z");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(parse_json(set.body).at("now_ms").as_int64(), epoch_milliseconds(*parse_utc("2025-03-05T08:30:00Z")));
  EXPECT_EQ(clock_->system_now(), *parse_utc("2025-03-05T08:30:00Z"));
}

TEST_F(ControlTest, TimeRejectsBadInput) {
  const std::string cases[] = {
      R"({"advance_seconds": -1})",
      R"({"set": "yesterday"})",
      R"({"set": "2025-02-30T00:00:00Z"})",
      R"({"set": "2020-01-01T00:00:00Z"})",  // the manual clock only moves forward
      R"({})",
      R"(not json)",
  };

  for (const auto& body : cases) {
    const auto response = client_->post("/_sandbox/time", body);
    EXPECT_EQ(response.status, 400) << body << ": " << response.body;
    EXPECT_TRUE(parse_json(response.body).at("message").is_string()) << body;
  }
  EXPECT_EQ(clock_->system_now(), *parse_utc("2025-03-03T12:00:00Z"));
}

TEST_F(ControlTest, InfoNamesClientsNotSecrets) {
  const auto response = client_->get("/_sandbox/info");

  ASSERT_EQ(response.status, 200);
  const auto body = parse_json(response.body);
  EXPECT_EQ(body.at("walmart_client_ids").at(0).as_string(), "sandbox-client");
  EXPECT_EQ(body.at("walmart_stores").as_int64(), 90);
  EXPECT_NE(std::string(body.at("store_numbers").as_string()).find("not Walmart's"), std::string::npos);
  EXPECT_EQ(response.body.find("sandbox-secret"), std::string::npos);
}

TEST_F(ControlTest, UnknownControlPathIs404) {
  EXPECT_EQ(client_->get("/_sandbox/nothing").status, 404);
  EXPECT_EQ(client_->post("/_sandbox/stats", "").status, 405);
}

TEST(ScaledClock, RunsFasterAndCanBeSet) {
  auto base = std::make_shared<ManualClock>(*parse_utc("2025-03-03T12:00:00Z"));
  ScaledClock clock(60, *parse_utc("2025-01-01T00:00:00Z"), base);

  base->advance(std::chrono::minutes(1));
  const SystemTime after_a_minute = clock.system_now();
  clock.set(*parse_utc("2025-06-01T00:00:00Z"));
  const SystemTime after_set = clock.system_now();
  clock.advance(std::chrono::hours(2));

  EXPECT_EQ(after_a_minute, *parse_utc("2025-01-01T01:00:00Z"));
  EXPECT_EQ(after_set, *parse_utc("2025-06-01T00:00:00Z"));
  EXPECT_EQ(clock.system_now(), *parse_utc("2025-06-01T02:00:00Z"));
}

TEST(ScaledClock, SleepIsShorterInRealTime) {
  auto base = std::make_shared<ManualClock>();
  ScaledClock clock(60, std::nullopt, base);
  const MonotonicTime start = base->monotonic_now();

  clock.sleep_for(std::chrono::hours(1));

  EXPECT_EQ(base->monotonic_now() - start, std::chrono::minutes(1));
}

TEST(SandboxServerStart, MissingDataFileFails) {
  SandboxConfig config;
  config.catalog_files.approved_product_list = "/nonexistent/apl.json";

  const auto started = SandboxServer::start(config);

  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message.find("/nonexistent/apl.json"), std::string::npos);
}

}  // namespace
}  // namespace wic::sandbox
