#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "retailers/token_source.h"

namespace wic::retailers {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

// Token endpoint stand-in that counts grants and fails while `failing` is set.
struct FakeTokenEndpoint {
  std::atomic<int> grants{0};
  std::atomic<bool> failing{false};
  Duration lifetime = seconds{900};

  TokenFetcher fetcher() {
    return [this]() -> RetailerResult<TokenGrant> {
      if (failing) {
        return make_error(ErrorKind::kUpstream, "token endpoint failed with HTTP 503");
      }
      const int number = ++grants;
      return TokenGrant{Secret("token-" + std::to_string(number)), lifetime};
    };
  }
};

TEST(TokenSourceTest, CachesUntilRefreshMargin) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  OAuthTokenSource source(endpoint.fetcher(), clock, {seconds{60}, seconds{5}});

  EXPECT_EQ(source.token()->reveal(), "token-1");
  clock->advance(seconds{839});
  EXPECT_EQ(source.token()->reveal(), "token-1");
  clock->advance(seconds{1});  // 60 s before expiry
  EXPECT_EQ(source.token()->reveal(), "token-2");
  EXPECT_EQ(endpoint.grants.load(), 2);
}

TEST(TokenSourceTest, SimulatedDayRefreshesOncePerLifetime) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  OAuthTokenSource source(endpoint.fetcher(), clock, {seconds{60}, seconds{5}});

  // A call every 10 s for a day; each token serves 900 - 60 = 840 s.
  for (auto elapsed = Duration::zero(); elapsed < hours{24}; elapsed += seconds{10}) {
    ASSERT_TRUE(source.token().ok());
    clock->advance(seconds{10});
  }

  EXPECT_EQ(endpoint.grants.load(), 103);  // ceil(86,400 / 840)
}

TEST(TokenSourceTest, FailedRefreshServesOldTokenUntilExpiry) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  OAuthTokenSource source(endpoint.fetcher(), clock, {seconds{60}, seconds{5}});
  ASSERT_EQ(source.token()->reveal(), "token-1");

  endpoint.failing = true;
  clock->advance(seconds{850});  // inside the margin, still valid

  EXPECT_EQ(source.token()->reveal(), "token-1");
  clock->advance(seconds{49});  // 1 s before expiry
  EXPECT_EQ(source.token()->reveal(), "token-1");
  clock->advance(seconds{1});  // expired, refresh still failing

  const auto expired = source.token();
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().kind, ErrorKind::kUpstream);

  endpoint.failing = false;
  clock->advance(seconds{5});
  EXPECT_EQ(source.token()->reveal(), "token-2");
}

TEST(TokenSourceTest, FailedRefreshBacksOff) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  OAuthTokenSource source(endpoint.fetcher(), clock, {seconds{60}, seconds{5}});
  ASSERT_TRUE(source.token().ok());
  endpoint.failing = true;
  clock->advance(seconds{850});

  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(source.token().ok());
  }
  EXPECT_EQ(source.refresh_count(), 2);  // the first grant and one failed refresh
  clock->advance(seconds{5});
  ASSERT_TRUE(source.token().ok());
  EXPECT_EQ(source.refresh_count(), 3);
}

TEST(TokenSourceTest, InvalidateDropsOnlyCurrentToken) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  OAuthTokenSource source(endpoint.fetcher(), clock, {seconds{60}, seconds{5}});
  const Secret first = *source.token();

  source.invalidate(first);
  const Secret second = *source.token();
  source.invalidate(first);  // a late 401 for the old token

  EXPECT_EQ(second.reveal(), "token-2");
  EXPECT_EQ(source.token()->reveal(), "token-2");
  EXPECT_EQ(endpoint.grants.load(), 2);
}

TEST(TokenSourceTest, ConcurrentCallersShareOneRefresh) {
  auto clock = std::make_shared<ManualClock>();
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  std::atomic<int> fetches{0};
  TokenFetcher slow_fetch = [&]() -> RetailerResult<TokenGrant> {
    ++fetches;
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return release; });
    return TokenGrant{Secret("shared"), seconds{900}};
  };
  OAuthTokenSource source(slow_fetch, clock);

  std::vector<std::thread> callers;
  std::atomic<int> served{0};
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      if (source.token().ok() && source.token()->reveal() == "shared") {
        ++served;
      }
    });
  }
  while (fetches.load() == 0) {
    std::this_thread::yield();
  }
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  released.notify_all();
  for (auto& caller : callers) {
    caller.join();
  }

  EXPECT_EQ(fetches.load(), 1);
  EXPECT_EQ(served.load(), 8);
}

TEST(TokenSourceCacheTest, OneSourcePerUrlClientAndScope) {
  auto clock = std::make_shared<ManualClock>();
  FakeTokenEndpoint endpoint;
  TokenSourceCache cache;
  int made = 0;
  const auto make = [&] {
    ++made;
    return std::make_shared<OAuthTokenSource>(endpoint.fetcher(), clock);
  };

  const auto a = cache.get("https://t", "client", "product.compact", make);
  const auto b = cache.get("https://t", "client", "product.compact", make);
  const auto c = cache.get("https://t", "client", "", make);

  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(made, 2);
}

TEST(SecretTest, FormatsRedacted) {
  const Secret secret("hunter2");
  EXPECT_EQ(fmt::format("secret={}", secret), "secret=[redacted]");
  EXPECT_EQ(secret.reveal(), "hunter2");
}

}  // namespace
}  // namespace wic::retailers
