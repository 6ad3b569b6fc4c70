#pragma once

#include <string_view>

namespace wic::catalog {

// Whether a product of a WIC approved product list is infant formula, the
// product class the sync refreshes first. The rule, checked against the
// Michigan list:
// - category "infant_food" is formula unless its subcategory is infant
//   cereal or infant meats (case-insensitive "cereal" or "meat"): standard
//   formula (Similac, Enfamil, store brands) and exempt infant formula
//   (Alimentum, Nutramigen, EleCare Infant, Neocate Infant, ...) in powder,
//   concentrate and ready-to-feed;
// - category "other" is formula when its subcategory names an amino-acid
//   based exempt formula for children: EleCare, Neocate, PurAmino or
//   Alfamino (the Junior and Splash products). Pediatric and adult
//   nutritional drinks (PediaSure, Boost, Ensure, Kate Farms, Peptamen, ...)
//   and metabolic foods are not formula.
// Other categories are never formula.
bool is_infant_formula(std::string_view category, std::string_view subcategory);

}  // namespace wic::catalog
