#include <gtest/gtest.h>

#include <deque>

#include "ratelimit/memory_quota_ledger.h"
#include "ratelimit/quota_window.h"

namespace wic::ratelimit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

WindowSpec daily(std::int64_t limit) { return WindowSpec{"day", hours{24}, limit, 24}; }

TEST(QuotaWindowTest, AllowsUpToLimit) {
  ManualClock clock;
  QuotaWindow window(daily(3), "test:day", nullptr, clock.system_now());

  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(window.time_until(1, clock.system_now()), Duration::zero());
    window.record(1, clock.system_now());
  }

  EXPECT_GT(window.time_until(1, clock.system_now()), Duration::zero());
  EXPECT_EQ(window.status(clock.system_now()).remaining, 0);
  EXPECT_EQ(window.time_until(4, clock.system_now()), Duration::max());
}

TEST(QuotaWindowTest, WaitEndsWhenOldestSlotLeaves) {
  ManualClock clock;  // starts on a midnight
  QuotaWindow window(daily(2), "test:day", nullptr, clock.system_now());
  clock.advance(minutes{30});
  window.record(1, clock.system_now());
  clock.advance(hours{5});
  window.record(1, clock.system_now());

  const Duration wait = window.time_until(1, clock.system_now());

  // The 00:30 request counts in the 00:00-01:00 slot, which leaves the
  // window at 01:00 the next day.
  EXPECT_EQ(wait, hours{25} - (minutes{30} + hours{5}));
  const WindowStatus status = window.status(clock.system_now());
  ASSERT_TRUE(status.next_refill.has_value());
  EXPECT_EQ(*status.next_refill - clock.system_now(), wait);
  clock.advance(wait);
  EXPECT_EQ(window.time_until(1, clock.system_now()), Duration::zero());
}

TEST(QuotaWindowTest, SlidingDayNeverExceedsLimit) {
  // Spend greedily for three simulated days and check every 24-hour span,
  // wherever it starts, since a retailer may start its day at any time.
  ManualClock clock;
  const SystemTime start = clock.system_now();
  QuotaWindow window(daily(100), "test:day", nullptr, start);
  std::deque<SystemTime> grants;

  while (clock.system_now() - start < hours{72}) {
    const Duration wait = window.time_until(1, clock.system_now());
    if (wait == Duration::zero()) {
      window.record(1, clock.system_now());
      grants.push_back(clock.system_now());
      clock.advance(minutes{7});
      continue;
    }
    clock.advance(wait);
  }

  for (std::size_t first = 0; first < grants.size(); ++first) {
    std::size_t in_span = 0;
    for (std::size_t i = first; i < grants.size() && grants[i] - grants[first] < hours{24}; ++i) {
      ++in_span;
    }
    ASSERT_LE(in_span, 100u) << "span starting at grant " << first;
  }
  EXPECT_GE(grants.size(), 250u);  // about 100 a day: the window does not starve
}

TEST(QuotaWindowTest, LedgerRestoresSpentQuota) {
  ManualClock clock;
  auto ledger = std::make_shared<MemoryQuotaLedger>();
  {
    QuotaWindow morning(daily(10), "walmart:affiliate:day", ledger, clock.system_now());
    morning.record(7, clock.system_now());
  }
  clock.advance(hours{12});

  QuotaWindow noon(daily(10), "walmart:affiliate:day", ledger, clock.system_now());

  EXPECT_EQ(noon.status(clock.system_now()).remaining, 3);
  EXPECT_EQ(noon.time_until(3, clock.system_now()), Duration::zero());
  EXPECT_GT(noon.time_until(4, clock.system_now()), Duration::zero());
}

TEST(QuotaWindowTest, LedgerSlotsOlderThanPeriodAreIgnored) {
  ManualClock clock;
  auto ledger = std::make_shared<MemoryQuotaLedger>();
  {
    QuotaWindow yesterday(daily(10), "k", ledger, clock.system_now());
    yesterday.record(10, clock.system_now());
  }
  clock.advance(hours{25});

  QuotaWindow today(daily(10), "k", ledger, clock.system_now());

  EXPECT_EQ(today.status(clock.system_now()).remaining, 10);
}

TEST(QuotaWindowTest, RejectsInvalidSpec) {
  ManualClock clock;
  EXPECT_THROW(QuotaWindow(WindowSpec{"day", hours{24}, 0, 24}, "k", nullptr, clock.system_now()),
               std::invalid_argument);
  EXPECT_THROW(QuotaWindow(WindowSpec{"day", Duration::zero(), 5, 24}, "k", nullptr, clock.system_now()),
               std::invalid_argument);
}

}  // namespace
}  // namespace wic::ratelimit
