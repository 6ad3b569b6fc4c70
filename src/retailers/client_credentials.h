#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "retailers/http_client.h"
#include "retailers/secret.h"
#include "retailers/token_source.h"

namespace wic::retailers {

// What an OAuth 2.0 client credentials grant (RFC 6749 section 4.4) sends.
struct ClientCredentials {
  std::string retailer;  // for log lines and messages
  std::string token_url;
  std::string client_id;
  Secret client_secret;
  std::string scope;  // empty: no scope parameter
  // Headers the retailer wants besides Basic auth (Walmart: WM_SVC.NAME).
  std::vector<std::pair<std::string, std::string>> extra_headers;
  std::string correlation_header = "X-Correlation-Id";
};

// Fetcher that posts grant_type=client_credentials with HTTP Basic auth and
// reads {"access_token", "expires_in"} from the response. A rejected client is
// kAuthentication naming the client id; a response without a token is
// kMalformedResponse.
TokenFetcher make_client_credentials_fetcher(std::shared_ptr<HttpClient> http, std::shared_ptr<Clock> clock,
                                             ClientCredentials credentials);

}  // namespace wic::retailers
