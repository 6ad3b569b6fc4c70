#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "retailers/environment.h"
#include "retailers/http_client.h"
#include "retailers/secret.h"

namespace wic::retailers {

// Production hosts, from the retailers' documentation.
inline constexpr char kWalmartDefaultBaseUrl[] = "https://developer.api.walmart.com/api-proxy/service";
inline constexpr char kWalmartDefaultTokenUrl[] = "https://marketplace.walmartapis.com/v3/token";
inline constexpr char kKrogerDefaultBaseUrl[] = "https://api.kroger.com";
inline constexpr char kKrogerDefaultTokenUrl[] = "https://api.kroger.com/v1/connect/oauth2/token";

// Test credentials that the retailer sandbox accepts.
inline constexpr char kSandboxClientId[] = "sandbox-client";
inline constexpr char kSandboxClientSecret[] = "sandbox-secret";

struct WalmartConfig {
  std::string base_url = kWalmartDefaultBaseUrl;    // WALMART_BASE_URL
  std::string token_url = kWalmartDefaultTokenUrl;  // WALMART_TOKEN_URL
  std::string client_id;                            // WALMART_CLIENT_ID
  Secret client_secret;                             // WALMART_CLIENT_SECRET
  std::string service_name = "wic-inventory";       // WALMART_SERVICE_NAME, sent as WM_SVC.NAME
  // Affiliate signature; all three or none.
  std::string consumer_id;       // WALMART_CONSUMER_ID
  std::string key_version = "1";  // WALMART_KEY_VERSION
  std::string private_key_path;  // WALMART_PRIVATE_KEY_PATH

  bool has_oauth() const { return !client_id.empty() && !client_secret.empty(); }
  bool has_signature() const { return !consumer_id.empty() && !private_key_path.empty(); }
  bool enabled() const { return has_oauth() || has_signature(); }
};

struct KrogerConfig {
  std::string base_url = kKrogerDefaultBaseUrl;    // KROGER_BASE_URL
  std::string token_url = kKrogerDefaultTokenUrl;  // KROGER_TOKEN_URL
  std::string client_id;                           // KROGER_CLIENT_ID
  Secret client_secret;                            // KROGER_CLIENT_SECRET
  std::string scope = "product.compact";           // KROGER_SCOPE

  bool enabled() const { return !client_id.empty() && !client_secret.empty(); }
};

// Endpoints, credentials and client settings of every retailer.
struct RetailersConfig {
  WalmartConfig walmart;
  KrogerConfig kroger;
  // Set from WIC_SANDBOX_URL: every retailer points at the sandbox and the
  // data is simulated. The service must report this in its log and health output.
  bool simulated = false;
  std::string sandbox_url;

  HttpOptions http;  // WIC_HTTP_CONNECT_TIMEOUT_MS, WIC_HTTP_TIMEOUT_MS, WIC_HTTP_MAX_ATTEMPTS, WIC_CA_BUNDLE
  Duration token_refresh_margin = std::chrono::seconds{60};  // WIC_TOKEN_REFRESH_MARGIN_SECONDS
  // Maximum wait for the rate limiter before a call gives up with
  // kRateLimited; WIC_RATE_LIMIT_WAIT_MS.
  Duration rate_limit_wait = std::chrono::seconds{30};
};

// Reads the configuration. WIC_SANDBOX_URL sets every base and token URL to
// the sandbox, unless a variable names another URL, and fills a client id or
// secret that was not given with the sandbox's test value (except for a
// Walmart configured for signatures only). The error names the variable, its value (never a secret's) and the
// expected form.
Result<RetailersConfig> load_retailers_config(const Environment& environment);

}  // namespace wic::retailers
