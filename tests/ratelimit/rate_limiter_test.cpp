#include <gtest/gtest.h>

#include "ratelimit/limiter_registry.h"
#include "ratelimit/memory_quota_ledger.h"
#include "ratelimit/rate_limiter.h"

namespace wic::ratelimit {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

LimiterConfig walmart_like() {
  return LimiterConfig{2, 10, {WindowSpec{"minute", minutes{1}, 60, 60}, WindowSpec{"day", hours{24}, 4000, 24}}};
}

TEST(RateLimiterTest, SimulatedDaySpendsQuotaExactlyOnce) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("walmart:affiliate", walmart_like(), clock);
  const SystemTime start = clock->system_now();
  const MonotonicTime deadline = clock->monotonic_now() + hours{24};
  int granted = 0;

  // A greedy caller asks all day; acquire sleeps on the manual clock.
  while (limiter.acquire(1, deadline) == AcquireStatus::kAcquired) {
    ++granted;
  }

  EXPECT_EQ(granted, 4000);
  // Paced by the bucket: the burst of 10, then 2 a second.
  EXPECT_GE(clock->system_now() - start, seconds{(4000 - 10) / 2});
  EXPECT_LT(clock->system_now() - start, hours{24});
  EXPECT_EQ(limiter.status().windows[1].remaining, 0);
}

TEST(RateLimiterTest, AllWindowsMustAllow) {
  auto clock = std::make_shared<ManualClock>();
  LimiterConfig config{1000, 1000, {WindowSpec{"second", seconds{1}, 5, 10}, WindowSpec{"minute", minutes{1}, 8, 60}}};
  RateLimiter limiter("kroger:products", config, clock);

  int granted = 0;
  for (int i = 0; i < 20; ++i) {
    granted += limiter.try_acquire().granted ? 1 : 0;
  }
  EXPECT_EQ(granted, 5);  // the second window binds first

  clock->advance(seconds{2});
  granted = 0;
  for (int i = 0; i < 20; ++i) {
    granted += limiter.try_acquire().granted ? 1 : 0;
  }
  EXPECT_EQ(granted, 3);  // then the minute window: 8 in all

  const Grant refused = limiter.try_acquire();
  EXPECT_FALSE(refused.granted);
  EXPECT_GT(refused.wait, seconds{50});
}

TEST(RateLimiterTest, RefusalTakesNothingFromOtherLimits) {
  auto clock = std::make_shared<ManualClock>();
  LimiterConfig config{1, 2, {WindowSpec{"day", hours{24}, 100, 24}}};
  RateLimiter limiter("kroger:locations", config, clock);
  ASSERT_TRUE(limiter.try_acquire(2).granted);

  ASSERT_FALSE(limiter.try_acquire(1).granted);  // the bucket is empty

  EXPECT_EQ(limiter.status().windows[0].remaining, 98);
}

TEST(RateLimiterTest, RestartAtNoonKeepsMorningSpend) {
  auto clock = std::make_shared<ManualClock>();
  auto ledger = std::make_shared<MemoryQuotaLedger>();
  const MonotonicTime deadline = clock->monotonic_now() + hours{12};
  {
    RateLimiter morning("walmart:affiliate", walmart_like(), clock, ledger);
    for (int i = 0; i < 3000; ++i) {
      ASSERT_EQ(morning.acquire(1, deadline), AcquireStatus::kAcquired);
    }
  }
  clock->set(clock->system_now() + (hours{12} - (clock->system_now().time_since_epoch() % hours{24})));

  RateLimiter noon("walmart:affiliate", walmart_like(), clock, ledger);
  int granted = 0;
  while (noon.acquire(1, clock->monotonic_now() + hours{6}) == AcquireStatus::kAcquired) {
    ++granted;
  }

  EXPECT_EQ(granted, 1000);
}

TEST(RateLimiterTest, RateLimitedHoldsForRetryAfter) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("walmart:affiliate", walmart_like(), clock);

  limiter.on_rate_limited(seconds{30});

  const Grant grant = limiter.try_acquire();
  EXPECT_FALSE(grant.granted);
  EXPECT_EQ(grant.wait, seconds{30});
  ASSERT_TRUE(limiter.status().held_until.has_value());
  clock->advance(seconds{30});
  EXPECT_TRUE(limiter.try_acquire().granted);
}

TEST(RateLimiterTest, RateLimitedWithoutRetryAfterUsesFallback) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("kroger:products", walmart_like(), clock);

  limiter.on_rate_limited(std::nullopt, seconds{45});

  EXPECT_EQ(limiter.try_acquire().wait, seconds{45});
}

TEST(RateLimiterTest, QuotaHeadersCapRequestsUntilReplenishment) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("walmart:affiliate", walmart_like(), clock);
  const SystemTime replenished = clock->system_now() + minutes{10};

  limiter.on_quota_headers(3, replenished);

  EXPECT_TRUE(limiter.try_acquire().granted);
  EXPECT_TRUE(limiter.try_acquire().granted);
  EXPECT_TRUE(limiter.try_acquire().granted);
  const Grant fourth = limiter.try_acquire();
  EXPECT_FALSE(fourth.granted);
  EXPECT_EQ(fourth.wait, minutes{10});
  EXPECT_EQ(limiter.status().retailer_remaining, 0);

  clock->advance(minutes{10});
  EXPECT_TRUE(limiter.try_acquire().granted);
  EXPECT_FALSE(limiter.status().retailer_remaining.has_value());
}

TEST(RateLimiterTest, ZeroRemainingHoldsEverything) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("walmart:affiliate", walmart_like(), clock);

  limiter.on_quota_headers(0, clock->system_now() + minutes{3});

  EXPECT_EQ(limiter.try_acquire().wait, minutes{3});
}

TEST(RateLimiterTest, StatusReportsEveryWindow) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("walmart:affiliate", walmart_like(), clock);
  ASSERT_TRUE(limiter.try_acquire(4).granted);
  ASSERT_FALSE(limiter.try_acquire(7).granted);

  const LimiterStatus status = limiter.status();

  EXPECT_EQ(status.name, "walmart:affiliate");
  EXPECT_DOUBLE_EQ(status.tokens, 6);
  ASSERT_EQ(status.windows.size(), 2u);
  EXPECT_EQ(status.windows[0].name, "minute");
  EXPECT_EQ(status.windows[0].limit, 60);
  EXPECT_EQ(status.windows[0].remaining, 56);
  EXPECT_EQ(status.windows[1].name, "day");
  EXPECT_EQ(status.windows[1].remaining, 3996);
  ASSERT_TRUE(status.windows[1].next_refill.has_value());
  EXPECT_EQ(*status.windows[1].next_refill, clock->system_now() + hours{25});
  EXPECT_EQ(status.granted, 4);
  EXPECT_EQ(status.rejected, 1);
}

TEST(LimiterRegistryTest, DefaultsCoverEveryEndpoint) {
  auto clock = std::make_shared<ManualClock>();
  LimiterRegistry registry(default_limits(), clock);

  ASSERT_NE(registry.find(Retailer::kWalmart, "affiliate"), nullptr);
  ASSERT_NE(registry.find(Retailer::kKroger, "products"), nullptr);
  ASSERT_NE(registry.find(Retailer::kKroger, "locations"), nullptr);
  EXPECT_EQ(registry.find(Retailer::kKroger, "affiliate"), nullptr);

  const auto statuses = registry.status();
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_EQ(statuses[0].name, "kroger:locations");
  EXPECT_EQ(statuses[0].windows.at(0).limit, 1400);
  EXPECT_EQ(statuses[1].windows.at(0).limit, 9000);
  EXPECT_EQ(statuses[2].name, "walmart:affiliate");
  EXPECT_EQ(statuses[2].windows.at(0).limit, 4000);
  EXPECT_DOUBLE_EQ(statuses[2].burst, 10);
}

}  // namespace
}  // namespace wic::ratelimit
