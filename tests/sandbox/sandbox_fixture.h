#pragma once

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <memory>
#include <string>

#include "core/clock.h"
#include "http_test_client.h"
#include "sandbox/sandbox_server.h"

namespace wic::sandbox {

// The catalog from data/, loaded once for every test of the process.
std::shared_ptr<const SandboxCatalog> shared_catalog();

// Config with the shared catalog and the given manual clock.
SandboxConfig test_config(std::shared_ptr<ManualClock> clock, std::uint64_t seed = 1);

// A sandbox on a free port, with a ManualClock that starts on
// 2025-03-03T12:00:00Z, and a client that keeps one connection open.
class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Restarts the sandbox with `config` (its clock is replaced by clock_).
  void restart(SandboxConfig config);

  // POST /v3/token with the test credentials; returns the access token.
  std::string walmart_token();
  // POST /v1/connect/oauth2/token with scope product.compact.
  std::string kroger_token(const std::string& scope = "product.compact");

  testing::HttpResponse walmart_get(const std::string& path, const std::string& token);
  testing::HttpResponse kroger_get(const std::string& path, const std::string& token);

  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<SandboxServer> sandbox_;
  std::unique_ptr<testing::HttpTestClient> client_;
};

// Parses a body that must be JSON; fails the test otherwise.
boost::json::value parse_json(const std::string& body);

// A Michigan APL product: the first infant formula, and the first product
// that is not formula.
const SandboxProduct& a_formula();
const SandboxProduct& a_cereal();

// A valid UPC-A that is not on the list.
std::string unlisted_upc();

inline constexpr const char* kItemsPath = "/api-proxy/service/affil/product/v2/items";
inline constexpr const char* kStoresPath = "/api-proxy/service/affil/product/v2/stores";

}  // namespace wic::sandbox
