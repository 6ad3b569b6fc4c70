#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/gtin.h"
#include "core/stock.h"
#include "core/store_id.h"

namespace wic::inventory {

// What the service answers for one product at one store.
struct ItemAnswer {
  ItemAnswer(StoreId store, Gtin product) : store_id(std::move(store)), gtin(std::move(product)) {}

  StoreId store_id;
  Gtin gtin;
  StockStatus status = StockStatus::kUnknown;
  std::optional<int> quantity;
  std::optional<QuantityRange> quantity_range;
  std::optional<std::string> aisle;
  std::optional<SystemTime> last_updated;  // empty when nothing is known
  std::optional<std::int64_t> age_seconds;
  // True when the data is older than its product class's time to live, or
  // there is none.
  bool stale = true;
  std::optional<DataSource> source;  // empty when nothing is known
  int confidence = 0;                // 0 to 100
  int report_count = 0;              // recent shopper reports about this item
};

}  // namespace wic::inventory
