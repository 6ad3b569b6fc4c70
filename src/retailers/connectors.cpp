#include "retailers/connectors.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "retailers/client_credentials.h"
#include "retailers/kroger_connector.h"
#include "retailers/walmart_connector.h"
#include "retailers/walmart_signature.h"

namespace wic::retailers {
namespace {

constexpr char kWalmartCorrelationHeader[] = "WM_QOS.CORRELATION_ID";

std::shared_ptr<OAuthTokenSource> token_source(const RetailersConfig& config, const Connectors& connectors,
                                               const std::shared_ptr<Clock>& clock, ClientCredentials credentials) {
  const std::string url = credentials.token_url;
  const std::string client_id = credentials.client_id;
  const std::string scope = credentials.scope;
  return connectors.tokens->get(url, client_id, scope, [&] {
    return std::make_shared<OAuthTokenSource>(
        make_client_credentials_fetcher(connectors.http, clock, std::move(credentials)), clock,
        TokenSourceOptions{config.token_refresh_margin});
  });
}

Result<std::shared_ptr<RetailerConnector>> make_walmart(const RetailersConfig& config, const Connectors& connectors,
                                                        const std::shared_ptr<Clock>& clock,
                                                        const ratelimit::LimiterRegistry& limiters,
                                                        std::shared_ptr<storage::Storage> storage) {
  const WalmartConfig& walmart = config.walmart;

  std::shared_ptr<WalmartSigner> signer;
  if (walmart.has_signature()) {
    auto loaded = WalmartSigner::load(walmart.consumer_id, walmart.key_version, walmart.private_key_path);
    if (!loaded) {
      return loaded.error();
    }
    signer = *loaded;
  }

  std::shared_ptr<OAuthTokenSource> tokens;
  if (walmart.has_oauth()) {
    tokens = token_source(config, connectors, clock,
                          ClientCredentials{"walmart", walmart.token_url, walmart.client_id, walmart.client_secret, "",
                                            {{"WM_SVC.NAME", walmart.service_name}}, kWalmartCorrelationHeader});
  }

  Authenticate authenticate = [signer, clock, service = walmart.service_name](HttpRequest& request,
                                                                             const Secret* token) {
    request.headers.emplace_back("WM_SVC.NAME", service);
    if (token != nullptr) {
      request.headers.emplace_back("WM_SEC.ACCESS_TOKEN", token->reveal());
    }
    if (signer != nullptr) {
      for (auto& header : signer->headers(clock->system_now())) {
        request.headers.push_back(std::move(header));
      }
    }
  };

  auto api = std::make_shared<ApiCaller>(
      ApiCaller::Options{"walmart", kWalmartCorrelationHeader, config.rate_limit_wait}, connectors.http, clock,
      tokens, std::move(authenticate));
  return std::shared_ptr<RetailerConnector>(std::make_shared<WalmartConnector>(
      walmart.base_url, std::move(api), limiters.find(Retailer::kWalmart, "affiliate"), std::move(storage)));
}

std::shared_ptr<RetailerConnector> make_kroger(const RetailersConfig& config, const Connectors& connectors,
                                               const std::shared_ptr<Clock>& clock,
                                               const ratelimit::LimiterRegistry& limiters) {
  const KrogerConfig& kroger = config.kroger;
  auto tokens = token_source(config, connectors, clock,
                             ClientCredentials{"kroger", kroger.token_url, kroger.client_id, kroger.client_secret,
                                               kroger.scope, {}, "X-Correlation-Id"});

  Authenticate authenticate = [](HttpRequest& request, const Secret* token) {
    if (token != nullptr) {
      request.headers.emplace_back("Authorization", "Bearer " + token->reveal());
    }
  };

  auto api = std::make_shared<ApiCaller>(ApiCaller::Options{"kroger", "X-Correlation-Id", config.rate_limit_wait},
                                         connectors.http, clock, tokens, std::move(authenticate));
  return std::make_shared<KrogerConnector>(kroger.base_url, std::move(api), limiters.find(Retailer::kKroger, "products"),
                                           limiters.find(Retailer::kKroger, "locations"));
}

}  // namespace

Result<Connectors> make_connectors(const RetailersConfig& config, std::shared_ptr<Clock> clock,
                                   const ratelimit::LimiterRegistry& limiters,
                                   std::shared_ptr<storage::Storage> storage) {
  Connectors connectors;
  connectors.http = std::make_shared<HttpClient>(config.http, clock);
  connectors.tokens = std::make_shared<TokenSourceCache>();
  connectors.simulated = config.simulated;

  if (config.simulated) {
    spdlog::warn("retailers: WIC_SANDBOX_URL is set, every retailer points at the sandbox at {}; availability is "
                 "simulated, not real",
                 config.sandbox_url);
  }

  if (config.walmart.enabled()) {
    auto walmart = make_walmart(config, connectors, clock, limiters, storage);
    if (!walmart) {
      return walmart.error();
    }
    connectors.by_retailer[Retailer::kWalmart] = *walmart;
    spdlog::info("retailers: walmart connector at {} (oauth={}, signature={})", config.walmart.base_url,
                 config.walmart.has_oauth(), config.walmart.has_signature());
  } else {
    spdlog::warn("retailers: walmart disabled: set WALMART_CLIENT_ID and WALMART_CLIENT_SECRET, or "
                 "WALMART_CONSUMER_ID and WALMART_PRIVATE_KEY_PATH");
  }

  if (config.kroger.enabled()) {
    connectors.by_retailer[Retailer::kKroger] = make_kroger(config, connectors, clock, limiters);
    spdlog::info("retailers: kroger connector at {}", config.kroger.base_url);
  } else {
    spdlog::warn("retailers: kroger disabled: set KROGER_CLIENT_ID and KROGER_CLIENT_SECRET");
  }
  return connectors;
}

}  // namespace wic::retailers
