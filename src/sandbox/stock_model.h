#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "core/retailer.h"
#include "sandbox/catalog.h"

namespace wic::sandbox {

// Simulated stock of one product at one place, finer than either retailer
// reports it. Walmart reports all four levels; Kroger folds kLimited and
// kLastFew into LOW.
enum class StockLevel { kPlenty, kLimited, kLastFew, kOut };

struct StockModelOptions {
  // Share of restock cycles that end in a sell-out before the next restock.
  double formula_sellout_share = 0.45;
  double other_sellout_share = 0.12;
  // Share of (Kroger store, product) pairs the store does not carry; their
  // stock level is absent, as Kroger leaves it out when unknown.
  double not_carried_share = 0.05;
  // A restock cycle lasts between these, fixed per (store, product).
  std::chrono::hours min_cycle{12};
  std::chrono::hours max_cycle{72};
};

// Deterministic stock: a pure function of (seed, retailer, place, GTIN,
// time), so the same seed gives the same stock at the same simulated time
// whatever the order of calls. Time is cut into restock cycles; each cycle
// starts full, turns limited and then last-few at points drawn from the
// cycle's hash, and in a drawn share of cycles sells out before the next
// restock. Thread-safe (no state).
class StockModel {
 public:
  StockModel(std::uint64_t seed, StockModelOptions options = {});

  // Walmart's online stock: one value for every store.
  StockLevel walmart_online(const SandboxProduct& product, SystemTime now) const;
  // Shelf stock at a Kroger store; nothing when the store does not carry it.
  std::optional<StockLevel> kroger_shelf(std::string_view location_id, const SandboxProduct& product,
                                         SystemTime now) const;

  std::uint64_t seed() const { return seed_; }

 private:
  StockLevel level(std::uint64_t place_key, const SandboxProduct& product, SystemTime now) const;

  std::uint64_t seed_;
  StockModelOptions options_;
};

// "Available", "Limited Supply", "Last few items", "Not available".
std::string_view walmart_stock_text(StockLevel level);
// "HIGH", "LOW", "TEMPORARILY_OUT_OF_STOCK".
std::string_view kroger_stock_level(StockLevel level);

}  // namespace wic::sandbox
