#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "ratelimit/rate_limiter.h"
#include "ratelimit/storage_quota_ledger.h"
#include "storage/postgres_connection.h"
#include "storage/storage.h"

namespace wic::ratelimit {
namespace {

using std::chrono::hours;

class StorageQuotaLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("wic-quota-ledger-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite");
    std::filesystem::remove(path_);
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  std::shared_ptr<QuotaLedger> open_ledger() {
    return std::make_shared<StorageQuotaLedger>(std::shared_ptr<storage::Storage>(storage::open_storage(path_.string())));
  }

  std::filesystem::path path_;
};

LimiterConfig daily(std::int64_t limit) { return LimiterConfig{1000, 1000, {WindowSpec{"day", hours{24}, limit, 24}}}; }

TEST_F(StorageQuotaLedgerTest, RestartAtNoonKeepsMorningSpend) {
  auto clock = std::make_shared<ManualClock>();
  {
    RateLimiter morning("kroger:products", daily(500), clock, open_ledger());
    clock->advance(hours{8});
    for (int i = 0; i < 300; ++i) {
      ASSERT_TRUE(morning.try_acquire().granted);
    }
  }
  clock->advance(hours{4});

  // A new process: new storage connection on the same file.
  RateLimiter noon("kroger:products", daily(500), clock, open_ledger());
  int granted = 0;
  while (noon.try_acquire().granted) {
    ++granted;
  }

  EXPECT_EQ(granted, 200);
  EXPECT_EQ(noon.status().windows[0].remaining, 0);
}

TEST_F(StorageQuotaLedgerTest, NextDayStartsFresh) {
  auto clock = std::make_shared<ManualClock>();
  {
    RateLimiter today("walmart:affiliate", daily(50), clock, open_ledger());
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(today.try_acquire().granted);
    }
  }
  clock->advance(hours{25});

  RateLimiter tomorrow("walmart:affiliate", daily(50), clock, open_ledger());

  EXPECT_EQ(tomorrow.status().windows[0].remaining, 50);
}

TEST_F(StorageQuotaLedgerTest, KeysSeparateEndpoints) {
  auto clock = std::make_shared<ManualClock>();
  auto ledger = open_ledger();
  {
    RateLimiter products("kroger:products", daily(10), clock, ledger);
    ASSERT_TRUE(products.try_acquire(10).granted);
  }

  RateLimiter locations("kroger:locations", daily(10), clock, ledger);

  EXPECT_EQ(locations.status().windows[0].remaining, 10);
}

}  // namespace
}  // namespace wic::ratelimit

namespace wic::ratelimit {
namespace {

// Limiters of several processes on one database: each opens its own
// storage handle, so only the database keeps them from overspending.
class SharedQuotaTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("WIC_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "WIC_TEST_POSTGRES_URL is not set; run scripts/test.sh, which starts PostgreSQL";
      }
      location_ = url;
      storage::PgConnection(location_).exec("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
      return;
    }
    location_ = (std::filesystem::temp_directory_path() /
                 ("wic-shared-quota-" + std::to_string(::getpid()) + ".sqlite"))
                    .string();
    std::filesystem::remove(location_);
  }

  void TearDown() override {
    if (GetParam() == "sqlite") {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(location_ + suffix);
      }
    }
  }

  std::shared_ptr<QuotaLedger> open_ledger() {
    return std::make_shared<StorageQuotaLedger>(std::shared_ptr<storage::Storage>(storage::open_storage(location_)));
  }

  std::string location_;
};

INSTANTIATE_TEST_SUITE_P(Backends, SharedQuotaTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_P(SharedQuotaTest, ThreeWorkersSpendOneQuota) {
  auto clock = std::make_shared<ManualClock>();
  std::vector<std::unique_ptr<RateLimiter>> workers;
  for (int i = 0; i < 3; ++i) {
    workers.push_back(std::make_unique<RateLimiter>("walmart:affiliate", daily(100), clock, open_ledger()));
  }

  int granted = 0;
  for (int round = 0; round < 60; ++round) {
    for (auto& worker : workers) {
      granted += worker->try_acquire().granted ? 1 : 0;
    }
    clock->advance(std::chrono::minutes{1});
  }

  EXPECT_EQ(granted, 100);
}

TEST_P(SharedQuotaTest, RefusalWaitsOneSlotAtMost) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter first("kroger:products", daily(2), clock, open_ledger());
  RateLimiter second("kroger:products", daily(2), clock, open_ledger());
  ASSERT_TRUE(first.try_acquire().granted);
  ASSERT_TRUE(first.try_acquire().granted);

  const Grant refused = second.try_acquire();

  EXPECT_FALSE(refused.granted);
  EXPECT_GT(refused.wait, Duration::zero());
  EXPECT_LE(refused.wait, std::chrono::minutes{1});
}

TEST_P(SharedQuotaTest, QuotaReturnsAfterADay) {
  auto clock = std::make_shared<ManualClock>();
  RateLimiter first("kroger:products", daily(3), clock, open_ledger());
  RateLimiter second("kroger:products", daily(3), clock, open_ledger());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(first.try_acquire().granted);
  }
  ASSERT_FALSE(second.try_acquire().granted);

  clock->advance(hours{25});

  EXPECT_TRUE(second.try_acquire().granted);
}

}  // namespace
}  // namespace wic::ratelimit
