#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "core/gtin.h"
#include "core/retailer.h"
#include "core/stock.h"
#include "core/store_id.h"
#include "ratelimit/cancellation.h"
#include "retailers/retailer_error.h"
#include "storage/records.h"

namespace wic::retailers {

// Scope of a retailer's stock response: one store, or every store.
enum class StockScope {
  kPerStore,    // one response per store (Kroger)
  // One response for the retailer's online stock, the same for every store
  // (Walmart's public API). The sync asks once and writes the response to all
  // of the retailer's stores, never once per store.
  kOnlineOnly,
};

// Availability of one GTIN in one response. Every requested GTIN gets exactly
// one result; a GTIN the retailer did not response for is kUnknown with
// `error` saying why, never another product's stock.
struct Availability {
  Gtin gtin;
  StockStatus status = StockStatus::kUnknown;
  std::optional<int> quantity;       // units, when the retailer counts them (neither does today)
  std::optional<std::string> aisle;  // Kroger's aisle description, e.g. "Aisle 12"
  std::string retailer_item_id;      // Walmart itemId or Kroger productId
  std::optional<RetailerError> error;  // set when the status is unknown because something failed
};

inline Availability make_availability(const Gtin& gtin) {
  Availability availability{gtin, StockStatus::kUnknown, std::nullopt, std::nullopt, "", std::nullopt};
  return availability;
}

// The response for one batch of GTINs.
struct AvailabilityBatch {
  std::vector<Availability> results;  // one per requested GTIN, in request order
  int requests = 0;                   // retailer API calls spent
  // The first error that cut the batch short (rate limited, authentication,
  // timeout); the GTINs it hit are kUnknown. The sync stops the retailer's
  // pass on kRateLimited and kAuthentication.
  std::optional<RetailerError> error;
};

// A store search: by ZIP code or by a point, within a radius.
struct StoreQuery {
  std::optional<std::string> zip;     // 5 digits
  std::optional<GeoPoint> location;
  double radius_miles = 10;           // Kroger 1 to 100; Walmart filters by distance itself
  int limit = 50;
};

// Reads availability and stores from one retailer's API. The sync engine
// keeps one connector per retailer and asks for at most max_batch_size()
// GTINs a call; a connector given more splits them itself. Each call spends
// quota through the retailer's rate limiter and waits at most the configured
// time for it, returning kRateLimited instead of exceeding a quota.
// Implementations are thread-safe.
class RetailerConnector {
 public:
  virtual ~RetailerConnector() = default;

  virtual Retailer retailer() const = 0;
  virtual StockScope stock_scope() const = 0;
  // GTINs one retailer call ca response: Walmart 20 item ids, Kroger 50
  // product ids.
  virtual std::size_t max_batch_size() const = 0;

  // Fetches the availability of `gtins` at `store`. With kOnlineOnly the
  // store only labels the result. Failed calls do not fail the batch: their
  // GTINs become kUnknown results and the first such error is in
  // AvailabilityBatch::error.
  virtual AvailabilityBatch fetch_availability(const StoreId& store, const std::vector<Gtin>& gtins,
                                               const ratelimit::CancellationToken* cancel = nullptr) = 0;

  // Stores near a ZIP code or point, in the order the retailer returns them
  // (nearest first for both retailers today).
  virtual RetailerResult<std::vector<storage::Store>> discover_stores(const StoreQuery& query) = 0;
};

}  // namespace wic::retailers
