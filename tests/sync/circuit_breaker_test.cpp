#include "sync/circuit_breaker.h"

#include <gtest/gtest.h>

#include "sync/call_health.h"

namespace wic::sync {
namespace {

using inventory::BreakerState;
using std::chrono::seconds;

class CircuitBreakerTest : public ::testing::Test {
 protected:
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  CircuitBreaker breaker{BreakerOptions{3, seconds{60}, seconds{200}}, clock};

  void fail(int times) {
    for (int i = 0; i < times; ++i) {
      ASSERT_TRUE(breaker.allow());
      breaker.on_failure();
    }
  }
};

TEST_F(CircuitBreakerTest, StaysClosedBelowThreshold) {
  fail(2);
  EXPECT_EQ(breaker.state(), BreakerState::kClosed);
  EXPECT_TRUE(breaker.allow());
}

TEST_F(CircuitBreakerTest, SuccessResetsFailureCount) {
  fail(2);
  breaker.on_success();
  fail(2);
  EXPECT_EQ(breaker.state(), BreakerState::kClosed);
}

TEST_F(CircuitBreakerTest, OpensAtThresholdAndRejects) {
  const SystemTime opened_at = clock->system_now();
  fail(3);
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  EXPECT_FALSE(breaker.allow());
  EXPECT_FALSE(breaker.would_allow());
  ASSERT_TRUE(breaker.retry_at().has_value());
  EXPECT_EQ(*breaker.retry_at(), opened_at + seconds{60});
}

TEST_F(CircuitBreakerTest, HalfOpenLetsOneTrialThrough) {
  fail(3);
  clock->advance(seconds{60});
  EXPECT_EQ(breaker.state(), BreakerState::kHalfOpen);
  EXPECT_TRUE(breaker.would_allow());
  EXPECT_TRUE(breaker.allow());
  EXPECT_FALSE(breaker.allow());
}

TEST_F(CircuitBreakerTest, SuccessfulTrialCloses) {
  fail(3);
  clock->advance(seconds{60});
  ASSERT_TRUE(breaker.allow());
  breaker.on_success();
  EXPECT_EQ(breaker.state(), BreakerState::kClosed);
  EXPECT_TRUE(breaker.allow());
}

TEST_F(CircuitBreakerTest, FailedTrialDoublesOpenTime) {
  fail(3);
  clock->advance(seconds{60});
  ASSERT_TRUE(breaker.allow());
  breaker.on_failure();
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);

  clock->advance(seconds{119});
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  clock->advance(seconds{1});
  EXPECT_EQ(breaker.state(), BreakerState::kHalfOpen);
}

TEST_F(CircuitBreakerTest, OpenTimeStopsAtMaximum) {
  fail(3);
  for (int trial = 0; trial < 4; ++trial) {
    clock->advance(seconds{200});
    ASSERT_TRUE(breaker.allow());
    breaker.on_failure();
  }
  clock->advance(seconds{199});
  EXPECT_EQ(breaker.state(), BreakerState::kOpen);
  clock->advance(seconds{1});
  EXPECT_EQ(breaker.state(), BreakerState::kHalfOpen);
}

TEST_F(CircuitBreakerTest, ReleasedTrialGoesToNextCaller) {
  fail(3);
  clock->advance(seconds{60});
  ASSERT_TRUE(breaker.allow());
  breaker.release_trial();
  EXPECT_EQ(breaker.state(), BreakerState::kHalfOpen);
  EXPECT_TRUE(breaker.allow());
}

TEST(CallHealthTest, CountsByOutcome) {
  CallHealth health(10);
  const SystemTime now{std::chrono::hours{1000}};
  health.record(CallOutcome::kOk, 3, now);
  health.record(CallOutcome::kFailed, 1, now + seconds{1}, "walmart items lookup: HTTP 503");
  health.record(CallOutcome::kRateLimited, 2, now + seconds{2});

  const CallHealthSnapshot snapshot = health.snapshot();
  EXPECT_EQ(snapshot.ok, 3);
  EXPECT_EQ(snapshot.failed, 1);
  EXPECT_EQ(snapshot.rate_limited, 2);
  EXPECT_EQ(snapshot.last_success, now);
  EXPECT_EQ(snapshot.last_failure, now + seconds{1});
  EXPECT_EQ(snapshot.last_error, "walmart items lookup: HTTP 503");
  EXPECT_DOUBLE_EQ(snapshot.recent_error_rate, 0.25);
}

TEST(CallHealthTest, ErrorRateForgetsOldCalls) {
  CallHealth health(4);
  const SystemTime now{std::chrono::hours{1000}};
  health.record(CallOutcome::kFailed, 4, now, "timeout");
  EXPECT_DOUBLE_EQ(health.snapshot().recent_error_rate, 1.0);
  health.record(CallOutcome::kOk, 3, now);
  EXPECT_DOUBLE_EQ(health.snapshot().recent_error_rate, 0.25);
}

}  // namespace
}  // namespace wic::sync
