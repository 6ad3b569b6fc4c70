#include "core/gtin.h"

#include <algorithm>
#include <fmt/format.h>

namespace wic {
namespace {

constexpr std::size_t kGtin14Length = 14;

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Names the first character that is not a digit, so the message points at it.
Error not_digits_error(std::string_view code) {
  const auto position = std::find_if(code.begin(), code.end(), [](char c) { return c < '0' || c > '9'; });
  const auto index = static_cast<std::size_t>(position - code.begin());
  return Error{"invalid_character",
               fmt::format("invalid code \"{}\": character {} ('{}') is not a digit; a barcode is digits only, "
                           "without spaces or dashes",
                           code, index + 1, *position)};
}

std::string pad_to_gtin14(std::string_view digits) {
  return std::string(kGtin14Length - digits.size(), '0') + std::string(digits);
}

Error check_digit_error(std::string_view code) {
  const char expected = Gtin::check_digit(code.substr(0, code.size() - 1));
  return Error{"invalid_check_digit",
               fmt::format("invalid code \"{}\": check digit is {} but the GS1 check digit of {} is {}; "
                           "check the code for a mistyped digit",
                           code, code.back(), code.substr(0, code.size() - 1), expected)};
}

Result<Gtin> parse_with_check_digit(std::string_view code) {
  if (code.size() < 7 || code.size() > kGtin14Length) {
    return Error{"invalid_length",
                 fmt::format("invalid code \"{}\": {} digits; a GTIN with its check digit has 7 to 14 digits "
                             "(GTIN-8, UPC-A, EAN-13 or GTIN-14, leading zeros may be stripped)",
                             code, code.size())};
  }
  if (code.back() != Gtin::check_digit(code.substr(0, code.size() - 1))) {
    return check_digit_error(code);
  }
  return Gtin::from_gtin14(pad_to_gtin14(code));
}

Result<Gtin> parse_without_check_digit(std::string_view code) {
  if (code.empty() || code.size() > kGtin14Length - 1) {
    return Error{"invalid_length",
                 fmt::format("invalid code \"{}\": {} digits; without its check digit a GTIN has 1 to 13 digits",
                             code, code.size())};
  }
  const std::string data = std::string(kGtin14Length - 1 - code.size(), '0') + std::string(code);
  return Gtin::from_gtin14(data + Gtin::check_digit(data));
}

Result<Gtin> parse_upc_e(std::string_view code) {
  char number_system = '0';
  std::string_view data = code;
  std::optional<char> given_check;

  if (code.size() == 8) {
    number_system = code.front();
    data = code.substr(1, 6);
    given_check = code.back();
  } else if (code.size() != 6) {
    return Error{"invalid_length",
                 fmt::format("invalid UPC-E code \"{}\": {} digits; UPC-E has 6 digits, or 8 with its number "
                             "system and check digit",
                             code, code.size())};
  }
  if (number_system != '0' && number_system != '1') {
    return Error{"invalid_number_system",
                 fmt::format("invalid UPC-E code \"{}\": number system '{}'; UPC-E uses only 0 and 1", code,
                             number_system)};
  }

  const std::string upc_a_data = expand_upc_e(number_system, data);
  const char expected = Gtin::check_digit(upc_a_data);
  if (given_check && *given_check != expected) {
    return Error{"invalid_check_digit",
                 fmt::format("invalid UPC-E code \"{}\": check digit is {} but its UPC-A expansion {} needs {}",
                             code, *given_check, upc_a_data + expected, expected)};
  }
  return Gtin::from_gtin14(pad_to_gtin14(upc_a_data + expected));
}

}  // namespace

std::string_view to_string(CodeConvention convention) {
  switch (convention) {
    case CodeConvention::kCheckDigitIncluded:
      return "check-digit-included";
    case CodeConvention::kCheckDigitOmitted:
      return "check-digit-omitted";
    case CodeConvention::kUpcE:
      return "upc-e";
  }
  return "unknown";
}

std::optional<CodeConvention> parse_convention(std::string_view name) {
  for (auto convention :
       {CodeConvention::kCheckDigitIncluded, CodeConvention::kCheckDigitOmitted, CodeConvention::kUpcE}) {
    if (name == to_string(convention)) {
      return convention;
    }
  }
  return std::nullopt;
}

char Gtin::check_digit(std::string_view data) {
  int sum = 0;
  int weight = 3;
  for (auto it = data.rbegin(); it != data.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

Result<Gtin> Gtin::from_gtin14(std::string_view digits) {
  if (digits.size() != kGtin14Length || !all_digits(digits)) {
    return Error{"invalid_gtin14", fmt::format("invalid GTIN-14 \"{}\": expected exactly 14 digits", digits)};
  }

  if (digits.back() != check_digit(digits.substr(0, kGtin14Length - 1))) {
    return check_digit_error(digits);
  }
  return Gtin(std::string(digits));
}

Result<Gtin> Gtin::parse(std::string_view code, CodeConvention convention) {
  if (code.empty()) {
    return Error{"empty_code", "missing code: a barcode needs at least one digit"};
  }
  if (!all_digits(code)) {
    return not_digits_error(code);
  }

  switch (convention) {
    case CodeConvention::kCheckDigitIncluded:
      return parse_with_check_digit(code);
    case CodeConvention::kCheckDigitOmitted:
      return parse_without_check_digit(code);
    case CodeConvention::kUpcE:
      return parse_upc_e(code);
  }
  return Error{"invalid_convention", "unknown code convention"};
}

std::optional<std::string> Gtin::upc_a() const {
  if (digits_.compare(0, 2, "00") != 0) {
    return std::nullopt;
  }
  return digits_.substr(2);
}

std::optional<std::string> Gtin::ean13() const {
  if (digits_.front() != '0') {
    return std::nullopt;
  }
  return digits_.substr(1);
}

std::string Gtin::display() const {
  if (auto upc = upc_a()) {
    return *upc;
  }
  if (auto ean = ean13()) {
    return *ean;
  }
  return digits_;
}

std::string_view to_string(ProduceCode::Kind kind) {
  return kind == ProduceCode::Kind::kPlu ? "plu" : "retailer-assigned";
}

Result<ProductCode> ProductCode::parse(std::string_view code, CodeConvention convention) {
  const bool short_code = code.size() >= 4 && code.size() <= 6;
  if (convention == CodeConvention::kCheckDigitIncluded && short_code && all_digits(code)) {
    const auto kind = code.size() == 6 ? ProduceCode::Kind::kRetailerAssigned : ProduceCode::Kind::kPlu;
    return ProductCode(ProduceCode{kind, std::string(code)});
  }

  auto gtin = Gtin::parse(code, convention);
  if (!gtin) {
    return gtin.error();
  }
  return ProductCode(std::move(gtin).value());
}

std::string expand_upc_e(char number_system, std::string_view d) {
  // zxing UPCEReader.convertUPCEtoUPCA: the last data digit says where the
  // suppressed zeros go.
  std::string out(1, number_system);
  switch (d[5]) {
    case '0':
    case '1':
    case '2':
      out += fmt::format("{}{}{}0000{}{}{}", d[0], d[1], d[5], d[2], d[3], d[4]);
      break;
    case '3':
      out += fmt::format("{}{}{}00000{}{}", d[0], d[1], d[2], d[3], d[4]);
      break;
    case '4':
      out += fmt::format("{}{}{}{}00000{}", d[0], d[1], d[2], d[3], d[4]);
      break;
    default:
      out += fmt::format("{}{}{}{}{}0000{}", d[0], d[1], d[2], d[3], d[4], d[5]);
      break;
  }
  return out;
}

}  // namespace wic
