#include "core/store_id.h"

#include <algorithm>
#include <fmt/format.h>

namespace wic {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Error> validate_walmart(std::string_view id) {
  if (!all_digits(id) || id.size() > 5 || id.front() == '0') {
    return Error{"invalid_store_id",
                 fmt::format("invalid Walmart store number \"{}\": expected 1 to 5 digits without leading zeros, "
                             "as in walmart-1234",
                             id)};
  }
  return std::nullopt;
}

std::optional<Error> validate_kroger(std::string_view id) {
  if (!all_digits(id) || id.size() != 8) {
    return Error{"invalid_store_id",
                 fmt::format("invalid Kroger location id \"{}\": expected exactly 8 digits, the 3-digit division "
                             "and the 5-digit store number, as in kroger-01400376",
                             id)};
  }
  return std::nullopt;
}

}  // namespace

Result<StoreId> StoreId::make(Retailer retailer, std::string_view local_id) {
  const auto error = retailer == Retailer::kWalmart ? validate_walmart(local_id) : validate_kroger(local_id);
  if (error) {
    return *error;
  }
  return StoreId(retailer, std::string(local_id));
}

Result<StoreId> StoreId::parse(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    return Error{"invalid_store_id",
                 fmt::format("invalid store id \"{}\": expected <retailer>-<id>, as in walmart-1234 or "
                             "kroger-01400376",
                             text)};
  }

  const auto retailer = parse_retailer(text.substr(0, dash));
  if (!retailer) {
    return Error{"invalid_store_id",
                 fmt::format("invalid store id \"{}\": unknown retailer \"{}\"; known retailers are walmart and "
                             "kroger",
                             text, text.substr(0, dash))};
  }
  return make(*retailer, text.substr(dash + 1));
}

std::string StoreId::str() const { return fmt::format("{}-{}", to_string(retailer_), local_id_); }

}  // namespace wic
