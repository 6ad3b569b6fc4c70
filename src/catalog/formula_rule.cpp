#include "catalog/formula_rule.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace wic::catalog {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool contains_any(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != std::string::npos; });
}

}  // namespace

bool is_infant_formula(std::string_view category, std::string_view subcategory) {
  const std::string sub = lower(subcategory);

  if (category == "infant_food") {
    return !contains_any(sub, {"cereal", "meat"});
  }
  if (category == "other") {
    return contains_any(sub, {"elecare", "neocate", "puramino", "alfamino"});
  }
  return false;
}

}  // namespace wic::catalog
