#pragma once

#include <optional>
#include <string_view>

namespace wic {

// Shelf availability of one product at one store, in the field's terms.
enum class StockStatus { kInStock, kLowStock, kOutOfStock, kUnknown };

// A shopper's or a retailer's rough count: "few" (1 to 3 units), "some"
// (4 to 10), "plenty" (more than 10).
enum class QuantityRange { kFew, kSome, kPlenty };

// Where an inventory record came from.
enum class DataSource { kApi, kCrowdsourced, kManual };

std::string_view to_string(StockStatus status);  // "in_stock", "low_stock", ...
std::string_view to_string(QuantityRange range);  // "few", "some", "plenty"
std::string_view to_string(DataSource source);    // "api", "crowdsourced", "manual"

std::optional<StockStatus> parse_stock_status(std::string_view text);
std::optional<QuantityRange> parse_quantity_range(std::string_view text);
std::optional<DataSource> parse_data_source(std::string_view text);

}  // namespace wic
