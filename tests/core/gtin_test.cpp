#include "core/gtin.h"

#include <gtest/gtest.h>

namespace wic {
namespace {

Gtin parse_ok(std::string_view code, CodeConvention convention = CodeConvention::kCheckDigitIncluded) {
  auto result = Gtin::parse(code, convention);
  EXPECT_TRUE(result.ok()) << code << ": " << (result.ok() ? "" : result.error().message);
  return result.ok() ? result.value() : Gtin::from_gtin14("00000000000000").value();
}

TEST(GtinTest, CheckDigitFollowsGs1Weights) {
  EXPECT_EQ(Gtin::check_digit("07007455958"), '2');
  EXPECT_EQ(Gtin::check_digit("400638133393"), '1');
  EXPECT_EQ(Gtin::check_digit("9638507"), '4');
  EXPECT_EQ(Gtin::check_digit("1001234567890"), '2');
  EXPECT_EQ(Gtin::check_digit("0000000000000"), '0');
}

TEST(GtinTest, UpcAParsesToAllForms) {
  const Gtin gtin = parse_ok("070074559582");

  EXPECT_EQ(gtin.gtin14(), "00070074559582");
  EXPECT_EQ(gtin.upc_a().value(), "070074559582");
  EXPECT_EQ(gtin.ean13().value(), "0070074559582");
  EXPECT_EQ(gtin.kroger_product_id(), "0007007455958");
  EXPECT_EQ(gtin.display(), "070074559582");
}

TEST(GtinTest, StrippedLeadingZerosGiveSameGtin) {
  EXPECT_EQ(parse_ok("70074559582"), parse_ok("070074559582"));
  EXPECT_EQ(parse_ok("0070074559582"), parse_ok("070074559582"));
  EXPECT_EQ(parse_ok("00070074559582"), parse_ok("070074559582"));
}

TEST(GtinTest, Ean13WithoutUpcForm) {
  const Gtin gtin = parse_ok("4006381333931");

  EXPECT_EQ(gtin.gtin14(), "04006381333931");
  EXPECT_FALSE(gtin.upc_a().has_value());
  EXPECT_EQ(gtin.ean13().value(), "4006381333931");
  EXPECT_EQ(gtin.kroger_product_id(), "0400638133393");
  EXPECT_EQ(gtin.display(), "4006381333931");
}

TEST(GtinTest, Gtin14WithIndicatorDigit) {
  const Gtin gtin = parse_ok("10012345678902");

  EXPECT_EQ(gtin.gtin14(), "10012345678902");
  EXPECT_FALSE(gtin.upc_a().has_value());
  EXPECT_FALSE(gtin.ean13().has_value());
  EXPECT_EQ(gtin.display(), "10012345678902");
}

TEST(GtinTest, Gtin8PadsToGtin14) {
  const Gtin gtin = parse_ok("96385074");

  EXPECT_EQ(gtin.gtin14(), "00000096385074");
  EXPECT_EQ(gtin.upc_a().value(), "000096385074");
}

TEST(GtinTest, UpcEExpandsToUpcA) {
  EXPECT_EQ(parse_ok("04252614", CodeConvention::kUpcE).upc_a().value(), "042100005264");
  EXPECT_EQ(parse_ok("425261", CodeConvention::kUpcE).upc_a().value(), "042100005264");
}

TEST(GtinTest, UpcEExpansionCoversEveryLastDigitRule) {
  EXPECT_EQ(expand_upc_e('0', "123450"), "01200000345");
  EXPECT_EQ(expand_upc_e('0', "123453"), "01230000045");
  EXPECT_EQ(expand_upc_e('0', "123454"), "01234000005");
  EXPECT_EQ(expand_upc_e('1', "123457"), "11234500007");
}

TEST(GtinTest, UpcEWithWrongCheckDigitNamesExpected) {
  auto result = Gtin::parse("04252615", CodeConvention::kUpcE);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_check_digit");
  EXPECT_NE(result.error().message.find("needs 4"), std::string::npos) << result.error().message;
}

TEST(GtinTest, UpcEWithBadNumberSystemRejected) {
  auto result = Gtin::parse("24252614", CodeConvention::kUpcE);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_number_system");
}

TEST(GtinTest, CheckDigitOmittedIsComputed) {
  const Gtin gtin = parse_ok("7007455958", CodeConvention::kCheckDigitOmitted);

  EXPECT_EQ(gtin.upc_a().value(), "070074559582");
}

TEST(GtinTest, SameDigitsDifferUnderEachConvention) {
  // "70074559582" is a valid UPC-A with its check digit, and also the data
  // part of another GTIN when the check digit is taken as omitted.
  const Gtin included = parse_ok("70074559582", CodeConvention::kCheckDigitIncluded);
  const Gtin omitted = parse_ok("70074559582", CodeConvention::kCheckDigitOmitted);

  EXPECT_NE(included, omitted);
  EXPECT_EQ(omitted.gtin14(), "00700745595822");
}

TEST(GtinTest, WrongCheckDigitNamesValueAndExpected) {
  auto result = Gtin::parse("070074559583");

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_check_digit");
  EXPECT_NE(result.error().message.find("070074559583"), std::string::npos);
  EXPECT_NE(result.error().message.find("check digit is 3"), std::string::npos);
  EXPECT_NE(result.error().message.find("is 2"), std::string::npos) << result.error().message;
}

TEST(GtinTest, NonDigitNamesPosition) {
  auto result = Gtin::parse("0700-74559582");

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_character");
  EXPECT_NE(result.error().message.find("character 5"), std::string::npos) << result.error().message;
}

TEST(GtinTest, LengthsOutsideGtinRejected) {
  for (std::string_view code : {"123456", "123456789012345", "1"}) {
    auto result = Gtin::parse(code);
    ASSERT_FALSE(result.ok()) << code;
    EXPECT_EQ(result.error().code, "invalid_length") << code;
  }
  EXPECT_EQ(Gtin::parse("").error().code, "empty_code");
  EXPECT_EQ(Gtin::parse("12345678901234", CodeConvention::kCheckDigitOmitted).error().code, "invalid_length");
}

TEST(GtinTest, FromGtin14RequiresFourteenDigits) {
  EXPECT_TRUE(Gtin::from_gtin14("00070074559582").ok());
  EXPECT_FALSE(Gtin::from_gtin14("0070074559582").ok());
  EXPECT_EQ(Gtin::from_gtin14("00070074559581").error().code, "invalid_check_digit");
}

TEST(ProductCodeTest, ShortCodesAreProduceCodes) {
  auto plu4 = ProductCode::parse("4011");
  auto plu5 = ProductCode::parse("94011");
  auto local = ProductCode::parse("123456");

  ASSERT_TRUE(plu4.ok());
  ASSERT_TRUE(plu5.ok());
  ASSERT_TRUE(local.ok());
  EXPECT_FALSE(plu4->is_gtin());
  EXPECT_EQ(plu4->produce().kind, ProduceCode::Kind::kPlu);
  EXPECT_EQ(plu5->produce().kind, ProduceCode::Kind::kPlu);
  EXPECT_EQ(local->produce().kind, ProduceCode::Kind::kRetailerAssigned);
  EXPECT_EQ(local->produce().digits, "123456");
}

TEST(ProductCodeTest, LongCodesAreGtins) {
  auto code = ProductCode::parse("70074559582");

  ASSERT_TRUE(code.ok());
  ASSERT_TRUE(code->is_gtin());
  EXPECT_EQ(code->gtin().upc_a().value(), "070074559582");
}

TEST(ProductCodeTest, ShortNonDigitCodeRejected) {
  auto code = ProductCode::parse("40a1");

  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.error().code, "invalid_character");
}

TEST(ProductCodeTest, TooShortCodeRejected) {
  EXPECT_EQ(ProductCode::parse("0").error().code, "invalid_length");
  EXPECT_EQ(ProductCode::parse("123").error().code, "invalid_length");
}

TEST(CodeConventionTest, NamesRoundTrip) {
  for (auto convention :
       {CodeConvention::kCheckDigitIncluded, CodeConvention::kCheckDigitOmitted, CodeConvention::kUpcE}) {
    EXPECT_EQ(parse_convention(to_string(convention)), convention);
  }
  EXPECT_FALSE(parse_convention("guess").has_value());
}

}  // namespace
}  // namespace wic
