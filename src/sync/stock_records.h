#pragma once

#include <vector>

#include "core/clock.h"
#include "retailers/connector.h"
#include "storage/records.h"

namespace wic::sync {

// Confidence of an API record, 0 to 100. A store's own shelf count (Kroger)
// is trusted most; Walmart's online stock copied to every store says the
// product is sold, not that it is on this shelf; an unknown says nothing.
inline constexpr int kShelfStockConfidence = 80;
inline constexpr int kOnlineStockConfidence = 40;

// Inventory records of `answers` at each of `stores`, stamped `now`. A
// per-store answer is given one store; an online-only answer is given every
// store of the retailer.
std::vector<storage::InventoryRecord> stock_records(const std::vector<retailers::Availability>& answers,
                                                    const std::vector<StoreId>& stores,
                                                    retailers::StockScope scope, SystemTime now);

// Unknown records of `gtins` at each of `stores`, for products whose
// answer failed for good.
std::vector<storage::InventoryRecord> unknown_records(const std::vector<Gtin>& gtins,
                                                      const std::vector<StoreId>& stores, SystemTime now);

// Whether a failed answer may succeed when asked again soon: the retailer
// failed, timed out, sent an unreadable answer or a 429. Our own quota
// being spent, a rejected credential or an unknown product are not.
bool is_retryable(const retailers::RetailerError& error);

}  // namespace wic::sync
