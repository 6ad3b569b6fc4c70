#include <set>

#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;
using testing::basic_auth;

const json::object& first_error(const json::value& body) {
  return body.at("errors").as_array().at(0).as_object();
}

class WalmartTest : public SandboxTest {
 protected:
  testing::HttpResponse token_call(const std::string& authorization, const std::string& body,
                                   bool with_service_headers = true) {
    testing::HeaderList headers{{"Authorization", authorization},
                                {"Content-Type", "application/x-www-form-urlencoded"}};
    if (with_service_headers) {
      headers.emplace_back("WM_SVC.NAME", "wic-inventory");
      headers.emplace_back("WM_QOS.CORRELATION_ID", "7f1e0c9a-1111-4c3b-9d2e-000000000001");
    }
    return client_->post("/v3/token", body, headers);
  }
};

TEST_F(WalmartTest, TokenShape) {
  const auto response = token_call(basic_auth("sandbox-client", "sandbox-secret"), "grant_type=client_credentials");

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/json");
  const auto body = parse_json(response.body);
  EXPECT_TRUE(body.at("access_token").is_string());
  EXPECT_EQ(body.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(body.at("expires_in").as_int64(), 900);
}

TEST_F(WalmartTest, TokenInvalidCredentials) {
  const auto response = token_call(basic_auth("sandbox-client", "wrong"), "grant_type=client_credentials");

  EXPECT_EQ(response.status, 401);
  const auto body = parse_json(response.body);
  const auto& error = first_error(body);
  EXPECT_TRUE(error.at("code").is_string());
  EXPECT_TRUE(error.at("message").is_string());
  EXPECT_EQ(error.at("severity").as_string(), "ERROR");
  EXPECT_EQ(error.at("category").as_string(), "REQUEST");
  EXPECT_EQ(response.body.find("wrong"), std::string::npos) << "the secret leaked into the body";
}

TEST_F(WalmartTest, TokenMissingBasicAuth) {
  const auto response = token_call("Bearer abc", "grant_type=client_credentials");

  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "Authorization");
}

TEST_F(WalmartTest, TokenMissingServiceHeaders) {
  const auto response =
      token_call(basic_auth("sandbox-client", "sandbox-secret"), "grant_type=client_credentials", false);

  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "WM_SVC.NAME");
}

TEST_F(WalmartTest, TokenMissingCorrelationId) {
  const auto response = client_->post("/v3/token", "grant_type=client_credentials",
                                      {{"Authorization", basic_auth("sandbox-client", "sandbox-secret")},
                                       {"WM_SVC.NAME", "wic-inventory"}});

  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "WM_QOS.CORRELATION_ID");
}

TEST_F(WalmartTest, TokenWrongGrantType) {
  const auto response = token_call(basic_auth("sandbox-client", "sandbox-secret"), "grant_type=password");

  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "grant_type");
}

TEST_F(WalmartTest, ItemByUpcShape) {
  const SandboxProduct& formula = a_formula();
  const auto response = walmart_get(std::string(kItemsPath) + "?upc=" + formula.upc, walmart_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  const auto& item = items.at(0).as_object();
  EXPECT_EQ(item.at("itemId").as_int64(), std::stoll(formula.walmart_item_id));
  EXPECT_EQ(item.at("upc").as_string(), formula.upc);
  EXPECT_EQ(item.at("upc").as_string().size(), 12U);
  EXPECT_TRUE(item.at("name").is_string());
  EXPECT_EQ(item.at("brandName").as_string(), formula.brand);
  EXPECT_DOUBLE_EQ(item.at("salePrice").as_double(), formula.price_cents / 100.0);
  EXPECT_TRUE(item.at("availableOnline").is_bool());
  EXPECT_EQ(item.at("offerType").as_string(), "ONLINE_AND_STORE");
  const std::set<std::string> stock_values{"Available", "Limited Supply", "Last few items", "Not available"};
  EXPECT_TRUE(stock_values.contains(std::string(item.at("stock").as_string())));
  EXPECT_EQ(std::string(item.at("stock").as_string()), sandbox_->walmart_stock(formula.gtin));
  EXPECT_EQ(item.at("availableOnline").as_bool(), item.at("stock").as_string() != "Not available");
}

TEST_F(WalmartTest, QuotaHeadersOnSuccess) {
  const std::string token = walmart_token();

  const auto response = walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, token);

  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.header("x-current-token-count"), "4999");
  // Replenished at the next UTC midnight: 2025-03-04T00:00:00Z.
  EXPECT_EQ(response.header("x-next-replenishment-time"), "1741046400000");
}

TEST_F(WalmartTest, ItemsByIds) {
  const auto& products = shared_catalog()->products();
  const std::string ids = products[0].walmart_item_id + "," + products[1].walmart_item_id + ",999999999";

  const auto response = walmart_get(std::string(kItemsPath) + "?ids=" + ids, walmart_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items.at(0).at("upc").as_string(), products[0].upc);
  EXPECT_EQ(items.at(1).at("upc").as_string(), products[1].upc);
}

TEST_F(WalmartTest, ItemById) {
  const SandboxProduct& cereal = a_cereal();

  const auto response = walmart_get(std::string(kItemsPath) + "/" + cereal.walmart_item_id, walmart_token());

  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(parse_json(response.body).at("upc").as_string(), cereal.upc);
}

TEST_F(WalmartTest, TwentyOneIdsRejected) {
  std::string ids;
  for (int i = 0; i < 21; ++i) {
    ids += (i == 0 ? "" : ",") + shared_catalog()->products()[static_cast<std::size_t>(i)].walmart_item_id;
  }

  const auto response = walmart_get(std::string(kItemsPath) + "?ids=" + ids, walmart_token());

  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "ids");
}

TEST_F(WalmartTest, TwentyIdsAccepted) {
  std::string ids;
  for (int i = 0; i < 20; ++i) {
    ids += (i == 0 ? "" : ",") + shared_catalog()->products()[static_cast<std::size_t>(i)].walmart_item_id;
  }

  const auto response = walmart_get(std::string(kItemsPath) + "?ids=" + ids, walmart_token());

  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(parse_json(response.body).at("items").as_array().size(), 20U);
}

TEST_F(WalmartTest, BadParametersRejected) {
  const std::string token = walmart_token();
  const std::string cases[] = {
      "?ids=12a4",                                    // not a number
      "?upc=070074559583",                            // wrong check digit
      "?upc=ABC",                                     // not digits
      std::string("?upc=") + a_cereal().upc + "&ids=1",  // both
      "",                                             // neither
  };

  for (const auto& query : cases) {
    const auto response = walmart_get(std::string(kItemsPath) + query, token);
    EXPECT_EQ(response.status, 400) << query << ": " << response.body;
    EXPECT_TRUE(first_error(parse_json(response.body)).at("message").is_string()) << query;
  }
}

TEST_F(WalmartTest, UnknownProductsNotFound) {
  const std::string token = walmart_token();
  const std::string cases[] = {
      "?upc=" + unlisted_upc(),  // valid UPC-A, not on the list
      "?upc=4011",           // produce PLU
      "?upc=123456",         // retailer-assigned code
      "?ids=999999999",      // no such item
      "/999999999",          // no such item, by path
  };

  for (const auto& query : cases) {
    const auto response = walmart_get(std::string(kItemsPath) + query, token);
    EXPECT_EQ(response.status, 404) << query << ": " << response.body;
    EXPECT_EQ(first_error(parse_json(response.body)).at("code").as_string(), "CONTENT_NOT_FOUND") << query;
  }
}

TEST_F(WalmartTest, MissingTokenRejected) {
  const auto response = client_->get(std::string(kItemsPath) + "?upc=" + a_cereal().upc);

  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(first_error(parse_json(response.body)).at("field").as_string(), "WM_SEC.ACCESS_TOKEN");
}

TEST_F(WalmartTest, UnknownTokenRejected) {
  const auto response = walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, "made-up-token");

  EXPECT_EQ(response.status, 401);
}

TEST_F(WalmartTest, KrogerTokenRejected) {
  const auto response = walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, kroger_token());

  EXPECT_EQ(response.status, 401);
}

TEST_F(WalmartTest, TokenExpiresAfter900Seconds) {
  const std::string token = walmart_token();
  const std::string path = std::string(kItemsPath) + "?upc=" + a_cereal().upc;

  clock_->advance(std::chrono::seconds(899));
  const auto before = walmart_get(path, token);
  clock_->advance(std::chrono::seconds(1));
  const auto after = walmart_get(path, token);

  EXPECT_EQ(before.status, 200);
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(first_error(parse_json(after.body)).at("message").as_string().find("expired"), std::string::npos);
}

TEST_F(WalmartTest, RevokedTokenRejected) {
  const std::string token = walmart_token();

  sandbox_->revoke_all_tokens();
  const auto response = walmart_get(std::string(kItemsPath) + "?upc=" + a_cereal().upc, token);

  EXPECT_EQ(response.status, 401);
  EXPECT_NE(first_error(parse_json(response.body)).at("message").as_string().find("revoked"), std::string::npos);
}

TEST_F(WalmartTest, StoresByZipShape) {
  // 48104 is Ann Arbor; the Walmart stores there and in Ypsilanti are near.
  const auto response = walmart_get(std::string(kStoresPath) + "?zip=48104", walmart_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& stores = body.as_array();
  ASSERT_FALSE(stores.empty());
  EXPECT_LE(stores.size(), 10U);
  const auto& store = stores.at(0).as_object();
  EXPECT_GE(store.at("no").as_int64(), 1001);
  EXPECT_TRUE(store.at("name").is_string());
  EXPECT_EQ(store.at("country").as_string(), "US");
  EXPECT_EQ(store.at("coordinates").as_array().size(), 2U);
  EXPECT_TRUE(store.at("streetAddress").is_string());
  EXPECT_TRUE(store.at("city").is_string());
  EXPECT_EQ(store.at("stateProvCode").as_string(), "MI");
  EXPECT_EQ(store.at("zip").as_string().size(), 5U);
  EXPECT_TRUE(store.at("phoneNumber").is_string());
  EXPECT_TRUE(response.header("x-sandbox-note").has_value());
}

TEST_F(WalmartTest, StoresNumberedInFileOrder) {
  const auto& first = shared_catalog()->walmart_stores().front();
  const std::string query = "?lat=" + std::to_string(first.location.latitude) +
                            "&lon=" + std::to_string(first.location.longitude);

  const auto response = walmart_get(std::string(kStoresPath) + query, walmart_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& nearest = body.as_array().at(0);
  EXPECT_EQ(nearest.at("no").as_int64(), 1001);
  EXPECT_EQ(nearest.at("name").as_string(), first.name);
}

TEST_F(WalmartTest, StoresFarAwayEmpty) {
  // 99501 is Anchorage, Alaska: no Michigan store within the search radius.
  const auto response = walmart_get(std::string(kStoresPath) + "?zip=99501", walmart_token());

  ASSERT_EQ(response.status, 200);
  EXPECT_TRUE(parse_json(response.body).as_array().empty());
}

TEST_F(WalmartTest, StoresBadParameters) {
  const std::string token = walmart_token();

  for (const std::string query : {"?zip=4810", "?zip=abcde", "", "?lat=42.3", "?lat=95&lon=-83", "?lat=x&lon=y"}) {
    const auto response = walmart_get(std::string(kStoresPath) + query, token);
    EXPECT_EQ(response.status, 400) << query << ": " << response.body;
  }
}

TEST_F(WalmartTest, WrongMethodIs405) {
  const auto response = client_->get("/v3/token");

  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "POST");
}

TEST_F(WalmartTest, UnknownPathIs404) {
  const auto response = client_->get("/v3/orders");

  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(parse_json(response.body).at("message").is_string());
}

}  // namespace
}  // namespace wic::sandbox
