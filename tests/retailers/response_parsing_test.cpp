#include <gtest/gtest.h>

#include "retailers/kroger_response.h"
#include "retailers/response_errors.h"
#include "retailers/walmart_response.h"

namespace wic::retailers {
namespace {

TEST(WalmartItemsTest, ReadsItemsWithNumericIds) {
  const auto items = parse_walmart_items(
      R"({"items":[{"itemId":10315162,"upc":"070074559582","name":"Similac","stock":"Available"},
                   {"itemId":"55","stock":null},{"name":"no id"}]})");

  ASSERT_TRUE(items.ok()) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].item_id, "10315162");
  EXPECT_EQ((*items)[0].upc, "070074559582");
  EXPECT_EQ((*items)[0].stock, "Available");
  EXPECT_EQ((*items)[1].item_id, "55");
  EXPECT_FALSE((*items)[1].stock.has_value());
}

TEST(WalmartItemsTest, ErrorBodyIsMalformedNotStock) {
  for (const char* body : {R"({"errors":[{"code":"REQUEST_THRESHOLD_VIOLATED","message":"Available"}]})",
                           R"({"items":{"stock":"Available"}})", "<html>Available</html>", R"({"items":[)"}) {
    const auto items = parse_walmart_items(body);
    ASSERT_FALSE(items.ok()) << body;
    EXPECT_EQ(items.error().kind, ErrorKind::kMalformedResponse);
  }
}

TEST(WalmartStoresTest, ReadsArrayWithGeoJsonCoordinates) {
  const auto stores = parse_walmart_stores(
      R"([{"no":2684,"name":"Lansing Supercenter","streetAddress":"7910 W Saginaw Hwy","city":"Lansing",
           "stateProvCode":"MI","zip":"48917","coordinates":[-84.6464,42.7369]},
          {"no":"0123"},{"name":"no number"}])");

  ASSERT_TRUE(stores.ok()) << stores.error().message;
  ASSERT_EQ(stores->size(), 1u);  // "0123" has a leading zero, not a Walmart store number
  EXPECT_EQ((*stores)[0].id.str(), "walmart-2684");
  EXPECT_EQ((*stores)[0].city, "Lansing");
  EXPECT_DOUBLE_EQ((*stores)[0].location.latitude, 42.7369);
  EXPECT_DOUBLE_EQ((*stores)[0].location.longitude, -84.6464);
}

TEST(KrogerProductsTest, ReadsStockLevelAndAisle) {
  const auto products = parse_kroger_products(R"({"data":[
      {"productId":"0007007455958","aisleLocations":[{"description":"Aisle 12","number":"12"}],
       "items":[{"itemId":"1","inventory":{"stockLevel":"LOW"}}]},
      {"productId":"0001111041700","items":[{"itemId":"2"}]}]})");

  ASSERT_TRUE(products.ok()) << products.error().message;
  ASSERT_EQ(products->size(), 2u);
  EXPECT_EQ(products->at("0007007455958").stock_level, "LOW");
  EXPECT_EQ(products->at("0007007455958").aisle, "Aisle 12");
  EXPECT_FALSE(products->at("0001111041700").stock_level.has_value());
}

TEST(KrogerProductsTest, ErrorBodyIsMalformed) {
  const auto products =
      parse_kroger_products(R"({"timestamp":1,"code":"API-4101-400","reason":"Field 'locationId' must have 8"})");
  ASSERT_FALSE(products.ok());
  EXPECT_EQ(products.error().kind, ErrorKind::kMalformedResponse);
}

TEST(KrogerLocationsTest, ReadsAddressAndPoint) {
  const auto stores = parse_kroger_locations(R"({"data":[
      {"locationId":"01800661","name":"Kroger Okemos","address":{"addressLine1":"2055 W Grand River Ave",
       "city":"Okemos","state":"MI","zipCode":"48864"},"geolocation":{"latitude":42.72,"longitude":-84.42}},
      {"locationId":"123"}]})");

  ASSERT_TRUE(stores.ok()) << stores.error().message;
  ASSERT_EQ(stores->size(), 1u);
  EXPECT_EQ((*stores)[0].id.str(), "kroger-01800661");
  EXPECT_EQ((*stores)[0].zip, "48864");
  EXPECT_DOUBLE_EQ((*stores)[0].location.latitude, 42.72);
}

HttpResponse response(int status, std::string body, HttpHeaders headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  r.correlation_id = "c-1";
  return r;
}

TEST(ErrorForStatusTest, MapsStatusesToKinds) {
  const SystemTime now{};
  EXPECT_FALSE(error_for_status(response(200, "{}"), "call", now).has_value());
  EXPECT_EQ(error_for_status(response(401, "{}"), "call", now)->kind, ErrorKind::kAuthentication);
  EXPECT_EQ(error_for_status(response(403, "{}"), "call", now)->kind, ErrorKind::kAuthentication);
  EXPECT_EQ(error_for_status(response(404, "{}"), "call", now)->kind, ErrorKind::kNotFound);
  EXPECT_EQ(error_for_status(response(429, "{}"), "call", now)->kind, ErrorKind::kRateLimited);
  EXPECT_EQ(error_for_status(response(500, "{}"), "call", now)->kind, ErrorKind::kUpstream);
  EXPECT_EQ(error_for_status(response(400, "{}"), "call", now)->kind, ErrorKind::kUpstream);
}

TEST(ErrorForStatusTest, CarriesRetailerCodeAndRetryAfter) {
  const auto error = error_for_status(
      response(429, R"({"errors":[{"code":"REQUEST_THRESHOLD_VIOLATED","message":"slow down"}]})",
               {{"retry-after", "17"}}),
      "walmart items lookup", SystemTime{});

  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->http_status, 429);
  EXPECT_EQ(error->retailer_code, "REQUEST_THRESHOLD_VIOLATED");
  EXPECT_EQ(error->retry_after, std::chrono::seconds{17});
  EXPECT_EQ(error->correlation_id, "c-1");
  EXPECT_NE(error->message.find("walmart items lookup"), std::string::npos);
  EXPECT_EQ(error->message.find("slow down"), std::string::npos);  // bodies stay out of messages
}

TEST(RetailerErrorCodeTest, ReadsEachRetailerShape) {
  EXPECT_EQ(retailer_error_code(R"({"errors":[{"code":"A"}]})"), "A");
  EXPECT_EQ(retailer_error_code(R"({"error":[{"code":"B","description":"x"}]})"), "B");
  EXPECT_EQ(retailer_error_code(R"({"timestamp":1,"code":"API-4101-400","reason":"r"})"), "API-4101-400");
  EXPECT_EQ(retailer_error_code(R"({"errors":{"error":"invalid_token","error_description":"d"}})"), "invalid_token");
  EXPECT_EQ(retailer_error_code(R"({"errors":{"reason":"r","code":"Forbidden"}})"), "Forbidden");
  EXPECT_EQ(retailer_error_code(R"({"error":"invalid_client"})"), "invalid_client");
  EXPECT_EQ(retailer_error_code("not json"), "");
}

TEST(RetryAfterTest, ReadsSecondsAndHttpDate) {
  const SystemTime now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT

  EXPECT_EQ(parse_retry_after(response(429, "", {{"retry-after", "120"}}), now), std::chrono::seconds{120});
  EXPECT_EQ(parse_retry_after(response(429, "", {{"retry-after", "Wed, 21 Oct 2015 07:29:00 GMT"}}), now),
            std::chrono::seconds{60});
  EXPECT_FALSE(parse_retry_after(response(429, "", {{"retry-after", "soon"}}), now).has_value());
  EXPECT_FALSE(parse_retry_after(response(429, ""), now).has_value());
}

TEST(QuotaHeadersTest, ReadsCountAndReplenishment) {
  const auto headers = parse_quota_headers(
      response(200, "", {{"x-current-token-count", "42"}, {"x-next-replenishment-time", "1700000000000"}}));

  ASSERT_TRUE(headers.has_value());
  EXPECT_EQ(headers->remaining, 42);
  EXPECT_EQ(headers->next_replenishment, SystemTime{std::chrono::milliseconds{1700000000000}});
  EXPECT_FALSE(parse_quota_headers(response(200, "")).has_value());
}

}  // namespace
}  // namespace wic::retailers
