#include "http/target.h"

#include <gtest/gtest.h>

namespace wic::http {
namespace {

TEST(HttpTarget, SplitsPathAndQuery) {
  const auto target = parse_target("/v1/products?filter.productId=0001111041700,0001111041701&filter.locationId=01400376");

  ASSERT_TRUE(target.ok()) << target.error().message;
  EXPECT_EQ(target->path, "/v1/products");
  EXPECT_EQ(target->query.get("filter.productId"), "0001111041700,0001111041701");
  EXPECT_EQ(target->query.get("filter.locationId"), "01400376");
  EXPECT_FALSE(target->query.contains("filter.term"));
}

TEST(HttpTarget, DecodesPercentAndPlus) {
  const auto target = parse_target("/v1/products?filter.term=infant+formula%2C%20powder&empty=");

  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->query.get("filter.term"), "infant formula, powder");
  EXPECT_EQ(target->query.get("empty"), "");
}

TEST(HttpTarget, RejectsAbsoluteUrl) {
  const auto target = parse_target("http://example.test/x");

  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.error().code, "invalid_target");
}

TEST(HttpTarget, ParsesForm) {
  const auto form = parse_form("grant_type=client_credentials&scope=product.compact+profile.compact");

  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->get("grant_type"), "client_credentials");
  EXPECT_EQ(form->get("scope"), "product.compact profile.compact");
}

}  // namespace
}  // namespace wic::http
