#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "http/server.h"
#include "sandbox/catalog.h"
#include "sandbox/faults.h"
#include "sandbox/quotas.h"
#include "sandbox/stock_model.h"
#include "sandbox/walmart_signature.h"

namespace wic::sandbox {

// OAuth 2.0 client credentials the sandbox accepts.
struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
};

// Test credentials accepted by default for both retailers, like a payment
// provider's published test keys. They are not secrets.
inline constexpr std::string_view kTestClientId = "sandbox-client";
inline constexpr std::string_view kTestClientSecret = "sandbox-secret";

// The repository's data/ directory, where the default catalog files are.
std::filesystem::path default_data_directory();

struct SandboxConfig {
  // Seeds the stock model, the fault draws and the tokens. Same seed, same
  // stock at the same simulated time.
  std::uint64_t seed = 1;
  // Time of quotas, token expiry, signatures and stock. Null: a ScaledClock
  // at scale 1 starting at the real time. Tests pass a ManualClock.
  std::shared_ptr<Clock> clock;
  // A catalog already loaded, so tests share one; null: load catalog_files.
  std::shared_ptr<const SandboxCatalog> catalog;
  CatalogFiles catalog_files = CatalogFiles::in_directory(default_data_directory());

  std::vector<ClientCredentials> walmart_clients{{std::string(kTestClientId), std::string(kTestClientSecret)}};
  std::vector<ClientCredentials> kroger_clients{{std::string(kTestClientId), std::string(kTestClientSecret)}};
  // Affiliate consumers whose signatures are accepted; none by default.
  std::vector<WalmartConsumer> walmart_consumers;
  // WIOpy's comment gives a signature 180 s, another Walmart page 5 minutes;
  // the stricter value is the default.
  Duration signature_max_skew = std::chrono::seconds(180);

  Duration walmart_token_lifetime = std::chrono::seconds(900);
  Duration kroger_token_lifetime = std::chrono::seconds(1800);

  QuotaLimits quotas;
  FaultSettings faults;
  StockModelOptions stock;
  http::ServerOptions http;  // 127.0.0.1, port 0 by default
};

}  // namespace wic::sandbox
