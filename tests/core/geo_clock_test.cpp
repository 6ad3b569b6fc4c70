#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/geo.h"
#include "core/stock.h"

namespace wic {
namespace {

TEST(GeoTest, DetroitToLansingDistance) {
  const GeoPoint detroit{42.3314, -83.0458};
  const GeoPoint lansing{42.7325, -84.5555};

  // About 81 miles as the crow flies.
  EXPECT_NEAR(distance_miles(detroit, lansing), 81.2, 1.0);
  EXPECT_NEAR(distance_miles(lansing, detroit), distance_miles(detroit, lansing), 1e-9);
  EXPECT_DOUBLE_EQ(distance_miles(detroit, detroit), 0.0);
}

TEST(GeoTest, ValidityChecksRanges) {
  EXPECT_TRUE(is_valid(GeoPoint{42.3, -83.0}));
  EXPECT_FALSE(is_valid(GeoPoint{91, 0}));
  EXPECT_FALSE(is_valid(GeoPoint{0, -181}));
}

TEST(ManualClockTest, AdvanceMovesBothTimeLines) {
  ManualClock clock;
  const auto system_start = clock.system_now();
  const auto monotonic_start = clock.monotonic_now();

  clock.advance(std::chrono::hours{24});
  clock.sleep_for(std::chrono::seconds{5});

  EXPECT_EQ(clock.system_now() - system_start, std::chrono::hours{24} + std::chrono::seconds{5});
  EXPECT_EQ(clock.monotonic_now() - monotonic_start, std::chrono::hours{24} + std::chrono::seconds{5});
}

TEST(ManualClockTest, SetNeverGoesBack) {
  ManualClock clock;
  const auto start = clock.system_now();

  clock.set(start - std::chrono::hours{1});
  EXPECT_EQ(clock.system_now(), start);

  clock.set(start + std::chrono::minutes{15});
  EXPECT_EQ(clock.system_now(), start + std::chrono::minutes{15});
}

TEST(StockTest, NamesRoundTrip) {
  for (auto status : {StockStatus::kInStock, StockStatus::kLowStock, StockStatus::kOutOfStock, StockStatus::kUnknown}) {
    EXPECT_EQ(parse_stock_status(to_string(status)), status);
  }
  for (auto range : {QuantityRange::kFew, QuantityRange::kSome, QuantityRange::kPlenty}) {
    EXPECT_EQ(parse_quantity_range(to_string(range)), range);
  }
  for (auto source : {DataSource::kApi, DataSource::kCrowdsourced, DataSource::kManual}) {
    EXPECT_EQ(parse_data_source(to_string(source)), source);
  }
  EXPECT_FALSE(parse_stock_status("In Stock").has_value());
}

}  // namespace
}  // namespace wic
