#include "sandbox_fixture.h"

#include "sandbox/wire.h"

namespace wic::sandbox {

std::shared_ptr<const SandboxCatalog> shared_catalog() {
  static const std::shared_ptr<const SandboxCatalog> catalog = [] {
    auto loaded = SandboxCatalog::load(CatalogFiles::in_directory(default_data_directory()));
    if (!loaded) {
      throw std::runtime_error(loaded.error().message);
    }
    return *loaded;
  }();
  return catalog;
}

SandboxConfig test_config(std::shared_ptr<ManualClock> clock, std::uint64_t seed) {
  SandboxConfig config;
  config.seed = seed;
  config.clock = std::move(clock);
  config.catalog = shared_catalog();
  return config;
}

void SandboxTest::SetUp() {
  clock_ = std::make_shared<ManualClock>(*parse_utc("2025-03-03T12:00:00Z"));
  restart(test_config(clock_));
}

void SandboxTest::restart(SandboxConfig config) {
  client_.reset();
  sandbox_.reset();
  config.clock = clock_;
  sandbox_ = std::make_unique<SandboxServer>(std::move(config));
  client_ = std::make_unique<testing::HttpTestClient>(sandbox_->base_url());
}

std::string SandboxTest::walmart_token() {
  const auto response = client_->post("/v3/token", "grant_type=client_credentials",
                                      {{"Authorization", testing::basic_auth("sandbox-client", "sandbox-secret")},
                                       {"Content-Type", "application/x-www-form-urlencoded"},
                                       {"Accept", "application/json"},
                                       {"WM_SVC.NAME", "wic-inventory"},
                                       {"WM_QOS.CORRELATION_ID", "5b6f7a52-3c9e-4a57-a0d8-0c7c4d7e9f10"}});
  EXPECT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  return body.is_object() && body.as_object().contains("access_token")
             ? std::string(body.at("access_token").as_string())
             : std::string();
}

std::string SandboxTest::kroger_token(const std::string& scope) {
  const auto response = client_->post("/v1/connect/oauth2/token", "grant_type=client_credentials&scope=" + scope,
                                      {{"Authorization", testing::basic_auth("sandbox-client", "sandbox-secret")},
                                       {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(response.status, 200) << response.body;
  const auto body = parse_json(response.body);
  return body.is_object() && body.as_object().contains("access_token")
             ? std::string(body.at("access_token").as_string())
             : std::string();
}

testing::HttpResponse SandboxTest::walmart_get(const std::string& path, const std::string& token) {
  return client_->get(path, {{"WM_SEC.ACCESS_TOKEN", token},
                             {"WM_SVC.NAME", "wic-inventory"},
                             {"WM_QOS.CORRELATION_ID", "0d4c1f0e-8a8b-4d2c-9a53-6a2f1b7c3e21"},
                             {"Accept", "application/json"}});
}

testing::HttpResponse SandboxTest::kroger_get(const std::string& path, const std::string& token) {
  return client_->get(path, {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}});
}

boost::json::value parse_json(const std::string& body) {
  boost::system::error_code error;
  auto value = boost::json::parse(body, error);
  EXPECT_FALSE(error) << "not JSON: " << body;
  return value;
}

const SandboxProduct& a_formula() {
  for (const auto& product : shared_catalog()->products()) {
    if (product.infant_formula) {
      return product;
    }
  }
  throw std::runtime_error("the catalog has no infant formula");
}

const SandboxProduct& a_cereal() {
  for (const auto& product : shared_catalog()->products()) {
    if (product.category == "cereal") {
      return product;
    }
  }
  throw std::runtime_error("the catalog has no cereal");
}

}  // namespace wic::sandbox

namespace wic::sandbox {

std::string unlisted_upc() {
  for (int n = 0;; ++n) {
    const std::string data = "0999" + std::to_string(1000000 + n);
    const auto gtin = Gtin::parse(data + Gtin::check_digit(data));
    if (gtin && shared_catalog()->find_by_gtin(*gtin) == nullptr) {
      return *gtin->upc_a();
    }
  }
}

}  // namespace wic::sandbox
