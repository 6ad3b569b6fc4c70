#include "core/retailer.h"

namespace wic {

std::string_view to_string(Retailer retailer) {
  switch (retailer) {
    case Retailer::kWalmart:
      return "walmart";
    case Retailer::kKroger:
      return "kroger";
  }
  return "unknown";
}

std::optional<Retailer> parse_retailer(std::string_view name) {
  for (Retailer retailer : all_retailers()) {
    if (name == to_string(retailer)) {
      return retailer;
    }
  }
  return std::nullopt;
}

const std::vector<Retailer>& all_retailers() {
  static const std::vector<Retailer> retailers{Retailer::kWalmart, Retailer::kKroger};
  return retailers;
}

}  // namespace wic
