#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ratelimit/token_bucket.h"

namespace wic::ratelimit {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(TokenBucketTest, StartsFullAndConsumesAllOrNothing) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(2, 5, clock);

  EXPECT_DOUBLE_EQ(bucket.available(), 5);
  EXPECT_TRUE(bucket.consume(3));
  EXPECT_FALSE(bucket.consume(3));  // only 2 left: takes none
  EXPECT_DOUBLE_EQ(bucket.available(), 2);
  EXPECT_TRUE(bucket.consume(2));
  EXPECT_FALSE(bucket.consume(1));
}

TEST(TokenBucketTest, TryConsumeReturnsWait) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(2, 2, clock);
  ASSERT_TRUE(bucket.consume(2));

  const Grant grant = bucket.try_consume(1);

  EXPECT_FALSE(grant.granted);
  // One token at 2 tokens per second takes half a second.
  EXPECT_GE(grant.wait, milliseconds{500});
  EXPECT_LE(grant.wait, milliseconds{501});
  clock->advance(grant.wait);
  EXPECT_TRUE(bucket.try_consume(1).granted);
}

TEST(TokenBucketTest, MoreThanBurstNeverPasses) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(10, 3, clock);

  EXPECT_EQ(bucket.try_consume(4).wait, Duration::max());
  EXPECT_EQ(bucket.acquire(4, clock->monotonic_now() + std::chrono::hours{1}), AcquireStatus::kDeadlineExceeded);
}

TEST(TokenBucketTest, IdleBucketBanksOnlyBurst) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(1, 4, clock);
  ASSERT_TRUE(bucket.consume(4));

  clock->advance(std::chrono::hours{1});

  EXPECT_DOUBLE_EQ(bucket.available(), 4);
  EXPECT_TRUE(bucket.consume(4));
  EXPECT_FALSE(bucket.consume(1));
}

TEST(TokenBucketTest, AcquireSleepsOnClockUntilTokens) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(4, 1, clock);
  const MonotonicTime start = clock->monotonic_now();

  for (int i = 0; i < 9; ++i) {
    ASSERT_EQ(bucket.acquire(1, start + seconds{10}), AcquireStatus::kAcquired);
  }

  // The first token was there; eight more at 4 a second take 2 seconds.
  const Duration waited = clock->monotonic_now() - start;
  EXPECT_GE(waited, seconds{2});
  EXPECT_LT(waited, seconds{2} + milliseconds{1});
}

TEST(TokenBucketTest, AcquireFailsFastPastDeadline) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(1, 1, clock);
  ASSERT_TRUE(bucket.consume(1));
  const MonotonicTime start = clock->monotonic_now();

  EXPECT_EQ(bucket.acquire(1, start + milliseconds{500}), AcquireStatus::kDeadlineExceeded);
  EXPECT_EQ(clock->monotonic_now(), start);  // it did not sleep in vain
  EXPECT_DOUBLE_EQ(bucket.available(), 0);
}

TEST(TokenBucketTest, AcquireHonoursCancelBeforeStart) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(1, 1, clock);
  CancellationToken cancel;
  cancel.cancel();

  EXPECT_EQ(bucket.acquire(1, clock->monotonic_now() + seconds{5}, &cancel), AcquireStatus::kCancelled);
  EXPECT_DOUBLE_EQ(bucket.available(), 1);  // nothing taken
}

// Clock whose sleep cancels the token, as another thread would while the
// acquire waits.
class CancellingClock final : public Clock {
 public:
  explicit CancellingClock(CancellationToken& token) : token_(token) {}
  SystemTime system_now() const override { return inner_.system_now(); }
  MonotonicTime monotonic_now() const override { return inner_.monotonic_now(); }
  void sleep_for(Duration duration) override {
    ++sleeps;
    inner_.advance(duration);
    token_.cancel();
  }
  int sleeps = 0;

 private:
  ManualClock inner_;
  CancellationToken& token_;
};

TEST(TokenBucketTest, AcquireStopsWhenCancelledWhileWaiting) {
  CancellationToken cancel;
  auto clock = std::make_shared<CancellingClock>(cancel);
  TokenBucket bucket(0.1, 1, clock);
  ASSERT_TRUE(bucket.consume(1));

  EXPECT_EQ(bucket.acquire(1, clock->monotonic_now() + seconds{60}, &cancel), AcquireStatus::kCancelled);
  EXPECT_EQ(clock->sleeps, 1);
}

TEST(TokenBucketTest, ConcurrentConsumersNeverExceedBurst) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(1, 100, clock);
  std::atomic<int> taken{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (bucket.consume(1)) {
          ++taken;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }

  EXPECT_EQ(taken.load(), 100);
}

TEST(TokenBucketTest, RejectsInvalidRateAndBurst) {
  auto clock = std::make_shared<ManualClock>();
  EXPECT_THROW(TokenBucket(0, 1, clock), std::invalid_argument);
  EXPECT_THROW(TokenBucket(1, 0.5, clock), std::invalid_argument);
}

}  // namespace
}  // namespace wic::ratelimit
