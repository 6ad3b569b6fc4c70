#include "core/stock.h"

#include <array>
#include <utility>

namespace wic {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> find_by_name(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                 std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view find_name(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) {
      return name;
    }
  }
  return "unknown";
}

constexpr std::array<std::pair<StockStatus, std::string_view>, 4> kStatusNames{{
    {StockStatus::kInStock, "in_stock"},
    {StockStatus::kLowStock, "low_stock"},
    {StockStatus::kOutOfStock, "out_of_stock"},
    {StockStatus::kUnknown, "unknown"},
}};

constexpr std::array<std::pair<QuantityRange, std::string_view>, 3> kRangeNames{{
    {QuantityRange::kFew, "few"},
    {QuantityRange::kSome, "some"},
    {QuantityRange::kPlenty, "plenty"},
}};

constexpr std::array<std::pair<DataSource, std::string_view>, 3> kSourceNames{{
    {DataSource::kApi, "api"},
    {DataSource::kCrowdsourced, "crowdsourced"},
    {DataSource::kManual, "manual"},
}};

}  // namespace

std::string_view to_string(StockStatus status) { return find_name(kStatusNames, status); }
std::string_view to_string(QuantityRange range) { return find_name(kRangeNames, range); }
std::string_view to_string(DataSource source) { return find_name(kSourceNames, source); }

std::optional<StockStatus> parse_stock_status(std::string_view text) { return find_by_name(kStatusNames, text); }
std::optional<QuantityRange> parse_quantity_range(std::string_view text) { return find_by_name(kRangeNames, text); }
std::optional<DataSource> parse_data_source(std::string_view text) { return find_by_name(kSourceNames, text); }

}  // namespace wic
