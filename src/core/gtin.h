#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.h"

namespace wic {

// How a source writes its barcodes. A source's convention is stated, never
// guessed: about one code in ten is valid under more than one reading.
enum class CodeConvention {
  // The check digit is the last digit; leading zeros may be stripped. Codes
  // typed or scanned by a person, and the Michigan APL, use this.
  kCheckDigitIncluded,
  // The check digit is left out (ANSI X9.93 / WUMEI lists keep it in a
  // separate field); it is computed.
  kCheckDigitOmitted,
  // A zero-suppressed UPC-E code: 6 digits, or 8 with number system and
  // check digit. It is expanded to UPC-A.
  kUpcE,
};

std::string_view to_string(CodeConvention convention);
std::optional<CodeConvention> parse_convention(std::string_view name);

// Global Trade Item Number, stored as the canonical 14 digits (GTIN-14,
// left-padded with zeros). GTIN-8, UPC-A and EAN-13 are the same number with
// fewer leading zeros, so the padded form is their common key.
class Gtin {
 public:
  // Parses `code` under `convention`. A code of 4 to 6 digits is a produce or
  // retailer code, not a GTIN, and is rejected here; ProductCode::parse
  // recognises it.
  static Result<Gtin> parse(std::string_view code,
                            CodeConvention convention = CodeConvention::kCheckDigitIncluded);

  // Builds from exactly 14 digits whose check digit is valid.
  static Result<Gtin> from_gtin14(std::string_view digits);

  // GS1 check digit of `data` (the digits without their check digit):
  // weights 3, 1, 3, ... from the rightmost digit, (10 - sum mod 10) mod 10.
  static char check_digit(std::string_view data);

  const std::string& gtin14() const { return digits_; }

  // 12-digit UPC-A, or nothing when the GTIN does not start with "00".
  std::optional<std::string> upc_a() const;
  // 13-digit EAN-13, or nothing when the GTIN does not start with "0".
  std::optional<std::string> ean13() const;
  // Kroger's 13-digit productId: the GTIN-14 without its check digit.
  std::string kroger_product_id() const { return digits_.substr(0, 13); }
  // The shortest form a person would recognise: UPC-A, else EAN-13, else
  // GTIN-14.
  std::string display() const;

  friend bool operator==(const Gtin&, const Gtin&) = default;
  friend auto operator<=>(const Gtin&, const Gtin&) = default;

 private:
  explicit Gtin(std::string digits) : digits_(std::move(digits)) {}
  std::string digits_;
};

// A code that identifies loose produce or a store's own item instead of a
// trade item: 4- and 5-digit PLUs (IFPS price look-up codes) and the 6-digit
// codes retailers and state lists assign themselves. Retailer product APIs
// cannot look these up, so they are kept apart from GTINs.
struct ProduceCode {
  enum class Kind { kPlu, kRetailerAssigned };
  Kind kind;
  std::string digits;

  friend bool operator==(const ProduceCode&, const ProduceCode&) = default;
};

std::string_view to_string(ProduceCode::Kind kind);

// Either a GTIN or a produce code: everything a WIC product list calls a UPC.
class ProductCode {
 public:
  // Parses `code` under `convention`. Under kCheckDigitIncluded, codes of 4
  // and 5 digits are PLUs and 6-digit codes are retailer-assigned. Lists that
  // omit the check digit mark PLUs with a separate indicator, so under
  // kCheckDigitOmitted every code is read as a GTIN.
  static Result<ProductCode> parse(std::string_view code,
                                   CodeConvention convention = CodeConvention::kCheckDigitIncluded);

  explicit ProductCode(Gtin gtin) : value_(std::move(gtin)) {}
  explicit ProductCode(ProduceCode produce) : value_(std::move(produce)) {}

  bool is_gtin() const { return std::holds_alternative<Gtin>(value_); }
  const Gtin& gtin() const { return std::get<Gtin>(value_); }
  const ProduceCode& produce() const { return std::get<ProduceCode>(value_); }

 private:
  std::variant<Gtin, ProduceCode> value_;
};

// Expands the six data digits of a UPC-E code with number system
// `number_system` ('0' or '1') into the 11 data digits of a UPC-A code,
// without check digit.
std::string expand_upc_e(char number_system, std::string_view six_digits);

}  // namespace wic
