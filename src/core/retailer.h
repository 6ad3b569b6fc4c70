#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wic {

// Retailers whose APIs the service reads stock from.
enum class Retailer { kWalmart, kKroger };

std::string_view to_string(Retailer retailer);  // "walmart", "kroger"
std::optional<Retailer> parse_retailer(std::string_view name);
const std::vector<Retailer>& all_retailers();

}  // namespace wic
