#include "retailers/stock_mapping.h"

#include <array>
#include <cctype>
#include <utility>

namespace wic::retailers {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

constexpr std::array<std::pair<std::string_view, StockStatus>, 9> kWalmartPhrases{{
    {"Available", StockStatus::kInStock},
    {"In Stock", StockStatus::kInStock},
    {"Limited Supply", StockStatus::kLowStock},
    {"Last few items", StockStatus::kLowStock},
    {"Limited Stock", StockStatus::kLowStock},
    {"Low Stock", StockStatus::kLowStock},
    {"Not available", StockStatus::kOutOfStock},
    {"Unavailable", StockStatus::kOutOfStock},
    {"Out of Stock", StockStatus::kOutOfStock},
}};

}  // namespace

StockStatus walmart_stock_status(std::optional<std::string_view> stock) {
  if (!stock) {
    return StockStatus::kUnknown;
  }
  for (const auto& [phrase, status] : kWalmartPhrases) {
    if (equals_ignoring_case(*stock, phrase)) {
      return status;
    }
  }
  return StockStatus::kUnknown;
}

StockStatus kroger_stock_status(std::optional<std::string_view> stock_level) {
  if (!stock_level) {
    return StockStatus::kUnknown;
  }
  if (*stock_level == "HIGH") {
    return StockStatus::kInStock;
  }
  if (*stock_level == "LOW") {
    return StockStatus::kLowStock;
  }
  if (*stock_level == "TEMPORARILY_OUT_OF_STOCK") {
    return StockStatus::kOutOfStock;
  }
  return StockStatus::kUnknown;
}

}  // namespace wic::retailers
