#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/openapi_document.h"
#include "api_fixture.h"

namespace wic::api {
namespace {

using std::chrono::minutes;
using namespace wic::testing;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::set<std::string> keys_of(const boost::json::object& object) {
  std::set<std::string> keys;
  for (const auto& member : object) {
    keys.emplace(member.key());
  }
  return keys;
}

std::set<std::string> required_of(const boost::json::value& document, const std::string& schema) {
  std::set<std::string> names;
  for (const auto& name : document.at("components").at("schemas").at(schema).at("required").as_array()) {
    names.emplace(name.as_string());
  }
  return names;
}

std::set<std::string> properties_of(const boost::json::value& document, const std::string& schema) {
  return keys_of(document.at("components").at("schemas").at(schema).at("properties").as_object());
}

class OpenApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    document = boost::json::parse(openapi_document());
  }
  boost::json::value document;
};

TEST_F(OpenApiTest, DocumentIsOpenApi3) {
  EXPECT_EQ(std::string_view(document.at("openapi").as_string()).substr(0, 2), "3.");
  EXPECT_TRUE(document.at("info").at("title").is_string());
}

TEST_F(OpenApiTest, EveryRouteDocumentedAndNoOther) {
  start();
  const auto& paths = document.at("paths").as_object();

  std::set<std::string> routes;
  for (const auto& route : api->router().routes()) {
    routes.insert(lower(route.method) + " " + route.path);
    const auto* path = paths.if_contains(route.path);
    ASSERT_NE(path, nullptr) << route.path << " is not documented";
    EXPECT_TRUE(path->as_object().contains(lower(route.method))) << route.method << " " << route.path;
  }

  std::set<std::string> documented;
  for (const auto& [path, operations] : paths) {
    for (const auto& operation : operations.as_object()) {
      documented.insert(std::string(operation.key()) + " " + std::string(path));
    }
  }
  EXPECT_EQ(documented, routes);
}

TEST_F(OpenApiTest, PathParametersMatchTemplates) {
  for (const auto& [path, operations] : document.at("paths").as_object()) {
    std::set<std::string> in_template;
    const std::string text(path);
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      in_template.insert(text.substr(open + 1, text.find('}', open) - open - 1));
    }
    for (const auto& operation : operations.as_object()) {
      std::set<std::string> declared;
      if (const auto* parameters = operation.value().as_object().if_contains("parameters")) {
        for (const auto& parameter : parameters->as_array()) {
          if (parameter.at("in") == "path") {
            declared.emplace(parameter.at("name").as_string());
          }
        }
      }
      EXPECT_EQ(declared, in_template) << path;
    }
  }
}

TEST_F(OpenApiTest, EveryOperationDocuments405) {
  for (const auto& [path, operations] : document.at("paths").as_object()) {
    for (const auto& operation : operations.as_object()) {
      EXPECT_TRUE(operation.value().at("responses").as_object().contains("405")) << path;
    }
  }
}

TEST_F(OpenApiTest, ServedDocumentIsTheEmbeddedOne) {
  start();
  const auto response = client->get("/api/v1/openapi.json");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(json(response), document);
}

TEST_F(OpenApiTest, SchemasMatchLiveAnswers) {
  write_record(kKrogerDetroit, kSimilacAlimentum, StockStatus::kInStock, minutes{1});
  start();

  const auto item = client->get("/api/v1/inventory/store/kroger-01800512/product/070074575131");
  EXPECT_EQ(keys_of(json(item).as_object()), required_of(document, "ItemAnswer"));
  EXPECT_EQ(properties_of(document, "ItemAnswer"), required_of(document, "ItemAnswer"));

  const auto shelf = client->get("/api/v1/inventory/store/kroger-01800512");
  EXPECT_EQ(keys_of(json(shelf).as_object()), required_of(document, "ShelfPage"));

  const auto error = client->get("/api/v1/inventory/store/kroger-01800512/product/1");
  EXPECT_EQ(keys_of(json(error).as_object()), required_of(document, "Error"));

  const auto stats = client->get("/api/v1/inventory/stats");
  EXPECT_EQ(keys_of(json(stats).as_object()), required_of(document, "Stats"));

  const auto health = client->get("/healthz");
  EXPECT_EQ(keys_of(json(health).as_object()), required_of(document, "Health"));

  const auto nearby = client->get("/api/v1/inventory/product/070074575131/nearby?lat=42.33&lon=-83.05");
  ASSERT_EQ(nearby.status, 200) << nearby.body;
  EXPECT_EQ(keys_of(json(nearby).as_object()), required_of(document, "NearbyResponse"));
  auto store_keys = required_of(document, "Store");
  store_keys.insert({"distanceMiles", "inventory"});
  EXPECT_EQ(keys_of(json(nearby).at("stores").at(0).as_object()), store_keys);

  const auto report = client->post(
      "/api/v1/inventory/report", R"({"storeId": "kroger-01800512", "upc": "070074575131", "status": "in_stock"})");
  EXPECT_EQ(keys_of(json(report).as_object()), required_of(document, "ReportResponse"));
  EXPECT_EQ(properties_of(document, "ReportRequest"),
            (std::set<std::string>{"storeId", "upc", "status", "quantityRange", "aisle", "userId"}));
}

}  // namespace
}  // namespace wic::api
