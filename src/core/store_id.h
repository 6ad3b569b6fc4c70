#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/retailer.h"

namespace wic {

// Identifier of a store across retailers: "<retailer>-<retailer's own id>",
// for example "walmart-1234" or "kroger-01400376". Each retailer validates its
// own part:
// - Walmart: a store number of 1 to 5 digits without leading zeros.
// - Kroger: a location id of exactly 8 digits, the 3-digit division number
//   followed by the 5-digit store number.
class StoreId {
 public:
  static Result<StoreId> parse(std::string_view text);
  static Result<StoreId> make(Retailer retailer, std::string_view local_id);

  Retailer retailer() const { return retailer_; }
  // The retailer's own id: Walmart's store number, Kroger's locationId.
  const std::string& local_id() const { return local_id_; }
  std::string str() const;

  friend bool operator==(const StoreId&, const StoreId&) = default;
  friend auto operator<=>(const StoreId&, const StoreId&) = default;

 private:
  StoreId(Retailer retailer, std::string local_id) : retailer_(retailer), local_id_(std::move(local_id)) {}

  Retailer retailer_;
  std::string local_id_;
};

}  // namespace wic
