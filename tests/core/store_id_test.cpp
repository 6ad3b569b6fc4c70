#include "core/store_id.h"

#include <gtest/gtest.h>

namespace wic {
namespace {

TEST(StoreIdTest, WalmartStoreNumberParses) {
  auto id = StoreId::parse("walmart-1234");

  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->retailer(), Retailer::kWalmart);
  EXPECT_EQ(id->local_id(), "1234");
  EXPECT_EQ(id->str(), "walmart-1234");
}

TEST(StoreIdTest, KrogerLocationIdParses) {
  auto id = StoreId::parse("kroger-01400376");

  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->retailer(), Retailer::kKroger);
  EXPECT_EQ(id->local_id(), "01400376");
}

TEST(StoreIdTest, KrogerIdMustBeEightDigits) {
  for (std::string_view text : {"kroger-1400376", "kroger-014003760", "kroger-0140037a", "kroger-"}) {
    auto id = StoreId::parse(text);
    ASSERT_FALSE(id.ok()) << text;
    EXPECT_NE(id.error().message.find("8 digits"), std::string::npos) << id.error().message;
  }
}

TEST(StoreIdTest, WalmartIdRejectsBadNumbers) {
  for (std::string_view text : {"walmart-0123", "walmart-123456", "walmart-12a", "walmart-"}) {
    EXPECT_FALSE(StoreId::parse(text).ok()) << text;
  }
}

TEST(StoreIdTest, UnknownRetailerNamed) {
  auto id = StoreId::parse("target-1234");

  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message.find("\"target\""), std::string::npos) << id.error().message;
}

TEST(StoreIdTest, MissingDashRejected) {
  auto id = StoreId::parse("walmart1234");

  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, "invalid_store_id");
}

TEST(StoreIdTest, RetailerNameIsCaseSensitive) {
  EXPECT_FALSE(StoreId::parse("Walmart-1234").ok());
}

}  // namespace
}  // namespace wic
