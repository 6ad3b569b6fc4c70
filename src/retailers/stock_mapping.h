#pragma once

#include <optional>
#include <string_view>

#include "core/stock.h"

namespace wic::retailers {

// Walmart affiliate `stock` text to a status, by whole phrases compared
// without regard to case, never by substring ("Not available" contains
// "available"):
// - "Available", "In Stock": in_stock
// - "Limited Supply", "Last few items", "Limited Stock", "Low Stock": low_stock
// - "Not available", "Unavailable", "Out of Stock": out_of_stock
// - anything else, or no field: unknown
StockStatus walmart_stock_status(std::optional<std::string_view> stock);

// Kroger `inventory.stockLevel` to a status: HIGH in_stock, LOW low_stock,
// TEMPORARILY_OUT_OF_STOCK out_of_stock; anything else or no field unknown.
StockStatus kroger_stock_status(std::optional<std::string_view> stock_level);

}  // namespace wic::retailers
