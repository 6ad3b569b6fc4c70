#include <set>

#include "sandbox_fixture.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;
using testing::basic_auth;

class KrogerTest : public SandboxTest {
 protected:
  testing::HttpResponse token_call(const std::string& authorization, const std::string& body) {
    return client_->post("/v1/connect/oauth2/token", body,
                         {{"Authorization", authorization}, {"Content-Type", "application/x-www-form-urlencoded"}});
  }

  const KrogerStore& a_store() const { return shared_catalog()->kroger_stores().front(); }
};

TEST_F(KrogerTest, TokenShape) {
  const auto response =
      token_call(basic_auth("sandbox-client", "sandbox-secret"), "grant_type=client_credentials&scope=product.compact");

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  EXPECT_EQ(body.at("expires_in").as_int64(), 1800);
  EXPECT_TRUE(body.at("access_token").is_string());
  EXPECT_EQ(body.at("token_type").as_string(), "bearer");
}

TEST_F(KrogerTest, TokenErrors) {
  const std::string valid = basic_auth("sandbox-client", "sandbox-secret");
  struct Case {
    std::string authorization;
    std::string body;
    int status;
    std::string error;
  };
  const Case cases[] = {
      {basic_auth("sandbox-client", "nope"), "grant_type=client_credentials", 401, "unauthorized"},
      {"", "grant_type=client_credentials", 401, "unauthorized"},
      {valid, "scope=product.compact", 400, "invalid_request"},
      {valid, "grant_type=authorization_code", 400, "unsupported_grant_type"},
      {valid, "grant_type=client_credentials&scope=cart.basic:write", 400, "invalid_request"},
  };

  for (const auto& test : cases) {
    const auto response = token_call(test.authorization, test.body);
    EXPECT_EQ(response.status, test.status) << test.body;
    const auto body = parse_json(response.body);
    EXPECT_EQ(body.at("error").as_string(), test.error) << test.body;
    EXPECT_TRUE(body.at("error_description").is_string()) << test.body;
    EXPECT_EQ(response.body.find("nope"), std::string::npos) << "the secret leaked into the body";
  }
}

TEST_F(KrogerTest, ProductsWithLocationShape) {
  const SandboxProduct& formula = a_formula();
  const std::string product_id = formula.gtin.kroger_product_id();
  // Find a store that carries the product, so stockLevel must be present.
  const KrogerStore* store = nullptr;
  for (const auto& candidate : shared_catalog()->kroger_stores()) {
    if (sandbox_->kroger_stock_level(candidate.location_id, formula.gtin)) {
      store = &candidate;
      break;
    }
  }
  ASSERT_NE(store, nullptr);

  const auto response = kroger_get("/v1/products?filter.productId=" + product_id +
                                       "&filter.locationId=" + store->location_id,
                                   kroger_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& data = body.at("data").as_array();
  ASSERT_EQ(data.size(), 1U);
  const auto& product = data.at(0).as_object();
  EXPECT_EQ(product.at("productId").as_string(), product_id);
  EXPECT_EQ(product.at("productId").as_string().size(), 13U);
  EXPECT_EQ(product.at("upc").as_string(), product_id);
  EXPECT_EQ(product.at("brand").as_string(), formula.brand);
  EXPECT_TRUE(product.at("description").is_string());
  EXPECT_TRUE(product.at("categories").is_array());
  EXPECT_TRUE(product.at("aisleLocations").is_array());
  const auto& item = product.at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("itemId").as_string(), product_id);
  const std::string level(item.at("inventory").at("stockLevel").as_string());
  EXPECT_TRUE((std::set<std::string>{"HIGH", "LOW", "TEMPORARILY_OUT_OF_STOCK"}.contains(level))) << level;
  EXPECT_EQ(level, sandbox_->kroger_stock_level(store->location_id, formula.gtin));
  EXPECT_TRUE(item.at("fulfillment").at("instore").as_bool());
  EXPECT_TRUE(item.at("price").at("regular").is_double());
  EXPECT_TRUE(item.at("size").is_string());
  EXPECT_EQ(item.at("soldBy").as_string(), "UNIT");
}

TEST_F(KrogerTest, StockLevelAbsentWithoutLocation) {
  const auto response = kroger_get("/v1/products?filter.productId=" + a_cereal().gtin.kroger_product_id(),
                                   kroger_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& item = body.at("data").at(0).at("items").at(0).as_object();
  EXPECT_FALSE(item.contains("inventory"));
  EXPECT_FALSE(item.contains("price"));
}

TEST_F(KrogerTest, StockLevelAbsentWhenNotCarried) {
  // Find a (store, product) pair the store does not carry.
  const KrogerStore* store = nullptr;
  const SandboxProduct* product = nullptr;
  for (const auto& candidate : shared_catalog()->products()) {
    for (const auto& location : shared_catalog()->kroger_stores()) {
      if (!sandbox_->kroger_stock_level(location.location_id, candidate.gtin)) {
        store = &location;
        product = &candidate;
        break;
      }
    }
    if (store != nullptr) {
      break;
    }
  }
  ASSERT_NE(store, nullptr);

  const auto response = kroger_get("/v1/products?filter.productId=" + product->gtin.kroger_product_id() +
                                       "&filter.locationId=" + store->location_id,
                                   kroger_token());

  ASSERT_EQ(response.status, 200);
  const auto body = parse_json(response.body);
  const auto& item = body.at("data").at(0).at("items").at(0).as_object();
  EXPECT_FALSE(item.contains("inventory"));
  EXPECT_FALSE(item.at("fulfillment").at("instore").as_bool());
}

TEST_F(KrogerTest, UnknownProductsLeftOut) {
  const auto unlisted = Gtin::parse(unlisted_upc());
  ASSERT_TRUE(unlisted.ok());
  const std::string ids = a_cereal().gtin.kroger_product_id() + "," + unlisted->kroger_product_id() +
                          ",0000000004011";  // a produce PLU padded to 13 digits

  const auto response = kroger_get("/v1/products?filter.productId=" + ids, kroger_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  ASSERT_EQ(body.at("data").as_array().size(), 1U);
  EXPECT_EQ(body.at("data").at(0).at("productId").as_string(), a_cereal().gtin.kroger_product_id());
}

TEST_F(KrogerTest, FiftyIdsAcceptedFiftyOneRejected) {
  std::string ids;
  for (std::size_t i = 0; i < 51; ++i) {
    ids += (i == 0 ? "" : ",") + shared_catalog()->products()[i].gtin.kroger_product_id();
  }
  const std::string fifty = ids.substr(0, 50 * 14 - 1);
  const std::string token = kroger_token();

  const auto accepted = kroger_get("/v1/products?filter.productId=" + fifty, token);
  const auto rejected = kroger_get("/v1/products?filter.productId=" + ids, token);

  ASSERT_EQ(accepted.status, 200);
  EXPECT_EQ(parse_json(accepted.body).at("data").as_array().size(), 50U);
  EXPECT_EQ(rejected.status, 400);
}

TEST_F(KrogerTest, BadParametersShape) {
  const std::string token = kroger_token();
  const std::string product_id = a_cereal().gtin.kroger_product_id();
  const std::string cases[] = {
      "/v1/products?filter.productId=" + product_id + "&filter.locationId=0140037",  // 7 characters
      "/v1/products?filter.productId=" + product_id + "&filter.locationId=014003761",
      "/v1/products?filter.productId=070074559582",  // 12 digits: a UPC-A, not a productId
      "/v1/products?filter.productId=00700745595x2",
      "/v1/products",
      "/v1/products?filter.term=ab",
      "/v1/products?filter.term=milk&filter.limit=51",
      "/v1/products?filter.term=milk&filter.start=0",
  };

  for (const auto& path : cases) {
    const auto response = kroger_get(path, token);
    EXPECT_EQ(response.status, 400) << path << ": " << response.body;
    const auto body = parse_json(response.body);
    EXPECT_EQ(body.at("code").as_string(), "API-4101-400") << path;
    EXPECT_TRUE(body.at("reason").is_string()) << path;
    EXPECT_TRUE(body.at("timestamp").is_int64()) << path;
  }
}

TEST_F(KrogerTest, LocationIdLengthMessage) {
  const auto response = kroger_get("/v1/products?filter.productId=" + a_cereal().gtin.kroger_product_id() +
                                       "&filter.locationId=123",
                                   kroger_token());

  ASSERT_EQ(response.status, 400);
  EXPECT_NE(parse_json(response.body).at("reason").as_string().find("length of 8"), std::string::npos);
}

TEST_F(KrogerTest, TermSearchPaged) {
  const auto response = kroger_get("/v1/products?filter.term=similac&filter.limit=5", kroger_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  EXPECT_EQ(body.at("data").as_array().size(), 5U);
  EXPECT_GT(body.at("meta").at("pagination").at("total").as_int64(), 5);
  for (const auto& product : body.at("data").as_array()) {
    std::string description(product.at("description").as_string());
    for (char& c : description) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    EXPECT_NE(description.find("similac"), std::string::npos) << description;
  }
}

TEST_F(KrogerTest, ProductByPath) {
  const std::string token = kroger_token();

  const auto found = kroger_get("/v1/products/" + a_cereal().gtin.kroger_product_id(), token);
  const auto missing = kroger_get("/v1/products/" + Gtin::parse(unlisted_upc())->kroger_product_id(), token);

  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(parse_json(found.body).at("data").at("productId").as_string(), a_cereal().gtin.kroger_product_id());
  EXPECT_EQ(missing.status, 404);
}

TEST_F(KrogerTest, TokenErrorsOnProducts) {
  const std::string path = "/v1/products?filter.productId=" + a_cereal().gtin.kroger_product_id();
  const std::string token = kroger_token();

  const auto missing = client_->get(path);
  const auto unknown = kroger_get(path, "not-a-token");
  const auto walmart = kroger_get(path, walmart_token());
  clock_->advance(std::chrono::seconds(1800));
  const auto expired = kroger_get(path, token);

  for (const auto* response : {&missing, &unknown, &walmart, &expired}) {
    EXPECT_EQ(response->status, 401) << response->body;
    const auto body = parse_json(response->body);
    EXPECT_EQ(body.at("errors").at("error").as_string(), "invalid_token");
    EXPECT_TRUE(body.at("errors").at("error_description").is_string());
  }
  EXPECT_NE(parse_json(expired.body).at("errors").at("error_description").as_string().find("expired"),
            std::string::npos);
}

TEST_F(KrogerTest, MissingScopeIs403) {
  const auto response = kroger_get("/v1/products?filter.productId=" + a_cereal().gtin.kroger_product_id(),
                                   kroger_token(""));

  EXPECT_EQ(response.status, 403);
  const auto body = parse_json(response.body);
  EXPECT_EQ(body.at("errors").at("code").as_string(), "Forbidden");
  EXPECT_TRUE(body.at("errors").at("reason").is_string());
}

TEST_F(KrogerTest, LocationsByZipShape) {
  const KrogerStore& store = a_store();

  const auto response = kroger_get("/v1/locations?filter.zipCode.near=" + store.zip + "&filter.limit=3",
                                   kroger_token());

  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  const auto& data = body.at("data").as_array();
  ASSERT_FALSE(data.empty());
  EXPECT_LE(data.size(), 3U);
  const auto& location = data.at(0).as_object();
  EXPECT_EQ(location.at("locationId").as_string(), store.location_id);
  EXPECT_EQ(location.at("locationId").as_string().size(), 8U);
  EXPECT_EQ(location.at("storeNumber").as_string(), store.store_number);
  EXPECT_EQ(location.at("divisionNumber").as_string(), store.division);
  EXPECT_EQ(location.at("chain").as_string(), "KROGER");
  EXPECT_TRUE(location.at("name").is_string());
  EXPECT_EQ(location.at("address").at("zipCode").as_string(), store.zip);
  EXPECT_EQ(location.at("address").at("state").as_string(), "MI");
  EXPECT_TRUE(location.at("geolocation").at("latitude").is_double());
  EXPECT_TRUE(location.at("geolocation").at("longitude").is_double());
  EXPECT_TRUE(location.at("hours").is_object());
  EXPECT_TRUE(location.at("departments").is_array());
}

TEST_F(KrogerTest, LocationsByLatLong) {
  const KrogerStore& store = a_store();
  const std::string lat = std::to_string(store.location.latitude);
  const std::string lon = std::to_string(store.location.longitude);
  const std::string token = kroger_token();

  const auto joined = kroger_get("/v1/locations?filter.latLong.near=" + lat + "," + lon, token);
  const auto split = kroger_get("/v1/locations?filter.lat.near=" + lat + "&filter.lon.near=" + lon, token);

  ASSERT_EQ(joined.status, 200);
  ASSERT_EQ(split.status, 200);
  EXPECT_EQ(parse_json(joined.body).at("data").at(0).at("locationId").as_string(), store.location_id);
  EXPECT_EQ(joined.body, split.body);
}

TEST_F(KrogerTest, LocationsRadiusAndChain) {
  const KrogerStore& store = a_store();
  const std::string token = kroger_token();
  const std::string near = "/v1/locations?filter.zipCode.near=" + store.zip;

  const auto wide = kroger_get(near + "&filter.radiusInMiles=100&filter.limit=200", token);
  const auto narrow = kroger_get(near + "&filter.radiusInMiles=1&filter.limit=200", token);
  const auto other_chain = kroger_get(near + "&filter.chain=RALPHS", token);

  ASSERT_EQ(wide.status, 200);
  ASSERT_EQ(narrow.status, 200);
  ASSERT_EQ(other_chain.status, 200);
  EXPECT_GT(parse_json(wide.body).at("data").as_array().size(), parse_json(narrow.body).at("data").as_array().size());
  EXPECT_TRUE(parse_json(other_chain.body).at("data").as_array().empty());
}

TEST_F(KrogerTest, LocationById) {
  const std::string token = kroger_token();

  const auto by_path = kroger_get("/v1/locations/" + a_store().location_id, token);
  const auto by_filter = kroger_get("/v1/locations?filter.locationId=" + a_store().location_id, token);
  const auto unknown = kroger_get("/v1/locations/99999999", token);

  ASSERT_EQ(by_path.status, 200);
  EXPECT_EQ(parse_json(by_path.body).at("data").at("locationId").as_string(), a_store().location_id);
  ASSERT_EQ(by_filter.status, 200);
  EXPECT_EQ(parse_json(by_filter.body).at("data").as_array().size(), 1U);
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(KrogerTest, LocationsBadParameters) {
  const std::string token = kroger_token();
  const std::string cases[] = {
      "/v1/locations",
      "/v1/locations?filter.zipCode.near=4810",
      "/v1/locations?filter.zipCode.near=48104&filter.radiusInMiles=0",
      "/v1/locations?filter.zipCode.near=48104&filter.radiusInMiles=101",
      "/v1/locations?filter.zipCode.near=48104&filter.limit=201",
      "/v1/locations?filter.latLong.near=42.2",
      "/v1/locations?filter.lat.near=42.2",
      "/v1/locations?filter.locationId=123",
  };

  for (const auto& path : cases) {
    const auto response = kroger_get(path, token);
    EXPECT_EQ(response.status, 400) << path << ": " << response.body;
    EXPECT_EQ(parse_json(response.body).at("code").as_string(), "API-4101-400") << path;
  }
}

TEST_F(KrogerTest, LocationsNeedToken) {
  const auto response = client_->get("/v1/locations?filter.zipCode.near=48104");

  EXPECT_EQ(response.status, 401);
}

TEST_F(KrogerTest, StoresSpreadOverMichigan) {
  const auto& stores = shared_catalog()->kroger_stores();

  ASSERT_EQ(stores.size(), 40U);
  std::set<std::string> ids;
  for (const auto& store : stores) {
    EXPECT_EQ(store.location_id.size(), 8U);
    EXPECT_EQ(store.location_id, store.division + store.store_number);
    EXPECT_EQ(store.state, "MI");
    ids.insert(store.location_id);
  }
  EXPECT_EQ(ids.size(), stores.size());
}

}  // namespace
}  // namespace wic::sandbox
