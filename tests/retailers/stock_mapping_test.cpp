#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "retailers/stock_mapping.h"

namespace wic::retailers {
namespace {

TEST(WalmartStockTest, PublishedPhrasesMap) {
  const std::vector<std::pair<std::string, StockStatus>> cases{
      {"Available", StockStatus::kInStock},       {"In Stock", StockStatus::kInStock},
      {"Limited Supply", StockStatus::kLowStock}, {"Last few items", StockStatus::kLowStock},
      {"Limited Stock", StockStatus::kLowStock},  {"Low Stock", StockStatus::kLowStock},
      {"Not available", StockStatus::kOutOfStock}, {"Unavailable", StockStatus::kOutOfStock},
      {"Out of Stock", StockStatus::kOutOfStock},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(walmart_stock_status(text), expected) << text;
  }
}

TEST(WalmartStockTest, CaseIsIgnored) {
  EXPECT_EQ(walmart_stock_status("AVAILABLE"), StockStatus::kInStock);
  EXPECT_EQ(walmart_stock_status("not AVAILABLE"), StockStatus::kOutOfStock);
  EXPECT_EQ(walmart_stock_status("last FEW items"), StockStatus::kLowStock);
}

TEST(WalmartStockTest, SubstringsAreUnknown) {
  // "Not available" contains "available"; matching by substring would read
  // these as in stock.
  for (const char* text : {"Available soon", "Currently not available", "Available in store", " Available",
                           "In Stock Online", "", "null", "0"}) {
    EXPECT_EQ(walmart_stock_status(text), StockStatus::kUnknown) << '"' << text << '"';
  }
}

TEST(WalmartStockTest, MissingFieldIsUnknown) { EXPECT_EQ(walmart_stock_status(std::nullopt), StockStatus::kUnknown); }

TEST(KrogerStockTest, StockLevelsMap) {
  EXPECT_EQ(kroger_stock_status("HIGH"), StockStatus::kInStock);
  EXPECT_EQ(kroger_stock_status("LOW"), StockStatus::kLowStock);
  EXPECT_EQ(kroger_stock_status("TEMPORARILY_OUT_OF_STOCK"), StockStatus::kOutOfStock);
  EXPECT_EQ(kroger_stock_status(std::nullopt), StockStatus::kUnknown);
  EXPECT_EQ(kroger_stock_status("MEDIUM"), StockStatus::kUnknown);
  EXPECT_EQ(kroger_stock_status("high"), StockStatus::kUnknown);
}

}  // namespace
}  // namespace wic::retailers
