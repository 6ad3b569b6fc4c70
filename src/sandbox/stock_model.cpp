#include "sandbox/stock_model.h"

#include "sandbox/hash.h"

namespace wic::sandbox {
namespace {

// Salts that keep the independent draws of one key apart.
enum Draw : std::uint64_t { kCarried = 1, kCycleLength, kPhase, kSellsOut, kLimitedAt, kLastFewAt, kOutAt };

}  // namespace

StockModel::StockModel(std::uint64_t seed, StockModelOptions options) : seed_(seed), options_(options) {}

StockLevel StockModel::walmart_online(const SandboxProduct& product, SystemTime now) const {
  return level(combine({seed_, static_cast<std::uint64_t>(Retailer::kWalmart), hash_text("online")}), product, now);
}

std::optional<StockLevel> StockModel::kroger_shelf(std::string_view location_id, const SandboxProduct& product,
                                                   SystemTime now) const {
  const std::uint64_t place_key =
      combine({seed_, static_cast<std::uint64_t>(Retailer::kKroger), hash_text(location_id)});
  const std::uint64_t carried_key = combine({place_key, hash_text(product.gtin.gtin14()), kCarried});
  if (unit_interval(carried_key) < options_.not_carried_share) {
    return std::nullopt;
  }
  return level(place_key, product, now);
}

StockLevel StockModel::level(std::uint64_t place_key, const SandboxProduct& product, SystemTime now) const {
  const std::uint64_t key = combine({place_key, hash_text(product.gtin.gtin14())});

  // Cycle length and phase are fixed per key, so restocks of different
  // products and stores do not line up.
  const auto min_cycle = std::chrono::duration_cast<std::chrono::minutes>(options_.min_cycle).count();
  const auto max_cycle = std::chrono::duration_cast<std::chrono::minutes>(options_.max_cycle).count();
  const auto span = static_cast<std::uint64_t>(std::max<std::int64_t>(max_cycle - min_cycle, 0) + 1);
  const std::int64_t cycle_minutes = min_cycle + static_cast<std::int64_t>(combine({key, kCycleLength}) % span);
  const std::int64_t phase = static_cast<std::int64_t>(combine({key, kPhase}) % static_cast<std::uint64_t>(cycle_minutes));

  // Floor division, so times before 1970 work too.
  const std::int64_t minutes =
      std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count() + phase;
  std::int64_t cycle = minutes / cycle_minutes;
  if (minutes % cycle_minutes < 0) {
    --cycle;
  }
  const double position = static_cast<double>(minutes - cycle * cycle_minutes) / static_cast<double>(cycle_minutes);

  const std::uint64_t cycle_key = combine({key, static_cast<std::uint64_t>(cycle)});
  const double sellout_share = product.infant_formula ? options_.formula_sellout_share : options_.other_sellout_share;
  const bool sells_out = unit_interval(combine({cycle_key, kSellsOut})) < sellout_share;
  const double limited_at = 0.30 + 0.40 * unit_interval(combine({cycle_key, kLimitedAt}));
  const double last_few_at = limited_at + (1.0 - limited_at) * (0.30 + 0.40 * unit_interval(combine({cycle_key, kLastFewAt})));
  const double out_at = last_few_at + (1.0 - last_few_at) * (0.10 + 0.50 * unit_interval(combine({cycle_key, kOutAt})));

  if (position < limited_at) {
    return StockLevel::kPlenty;
  }
  if (position < last_few_at) {
    return StockLevel::kLimited;
  }
  if (sells_out && position >= out_at) {
    return StockLevel::kOut;
  }
  return StockLevel::kLastFew;
}

std::string_view walmart_stock_text(StockLevel level) {
  switch (level) {
    case StockLevel::kPlenty:
      return "Available";
    case StockLevel::kLimited:
      return "Limited Supply";
    case StockLevel::kLastFew:
      return "Last few items";
    case StockLevel::kOut:
      return "Not available";
  }
  return "Not available";
}

std::string_view kroger_stock_level(StockLevel level) {
  switch (level) {
    case StockLevel::kPlenty:
      return "HIGH";
    case StockLevel::kLimited:
    case StockLevel::kLastFew:
      return "LOW";
    case StockLevel::kOut:
      return "TEMPORARILY_OUT_OF_STOCK";
  }
  return "TEMPORARILY_OUT_OF_STOCK";
}

}  // namespace wic::sandbox
