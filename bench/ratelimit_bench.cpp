// Cost of the limiter's acquire path: the work every retailer request pays
// before it is sent. Time comes from a ManualClock that never moves unless a
// benchmark says so, so the numbers measure the limiter, not the clock.
#include <benchmark/benchmark.h>

#include <memory>

#include "ratelimit/memory_quota_ledger.h"
#include "ratelimit/rate_limiter.h"
#include "ratelimit/token_bucket.h"

namespace wic::ratelimit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

LimiterConfig daily_config() {
  return LimiterConfig{1e9, 1e9,
                       {WindowSpec{"minute", minutes{1}, 1'000'000'000, 60},
                        WindowSpec{"day", hours{24}, 1'000'000'000, 24}}};
}

// Token bucket alone, always granting.
void BM_TokenBucketTryConsume(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>();
  TokenBucket bucket(1e9, 1e9, clock);
  for (auto _ : state) {
    benchmark::DoNotOptimize(bucket.try_consume(1));
  }
}
BENCHMARK(BM_TokenBucketTryConsume);

// Full limiter (bucket, minute and day windows) that grants every call.
void BM_RateLimiterTryAcquireGranted(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("bench:granted", daily_config(), clock);
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter.try_acquire());
  }
}
BENCHMARK(BM_RateLimiterTryAcquireGranted);

// Exhausted limiter: every call computes the wait and refuses, the path a
// sync worker takes while the day's quota is spent.
void BM_RateLimiterTryAcquireRefused(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>();
  LimiterConfig config{2, 10, {WindowSpec{"day", hours{24}, 4000, 24}}};
  RateLimiter limiter("bench:refused", config, clock);
  while (limiter.try_acquire().granted) {
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter.try_acquire());
  }
}
BENCHMARK(BM_RateLimiterTryAcquireRefused);

// Blocking acquire that finds its permit at once, with the in-memory ledger
// that a storage-backed ledger replaces in production.
void BM_RateLimiterAcquireWithLedger(benchmark::State& state) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter limiter("bench:ledger", daily_config(), clock, std::make_shared<MemoryQuotaLedger>());
  const MonotonicTime deadline = clock->monotonic_now() + hours{1};
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter.acquire(1, deadline));
  }
}
BENCHMARK(BM_RateLimiterAcquireWithLedger);

// Contended limiter: several threads share one limiter, as sync workers do.
void BM_RateLimiterTryAcquireContended(benchmark::State& state) {
  static auto clock = std::make_shared<ManualClock>();
  static RateLimiter limiter("bench:contended", daily_config(), clock);
  for (auto _ : state) {
    benchmark::DoNotOptimize(limiter.try_acquire());
  }
}
BENCHMARK(BM_RateLimiterTryAcquireContended)->Threads(1)->Threads(2)->Threads(4);

}  // namespace
}  // namespace wic::ratelimit
