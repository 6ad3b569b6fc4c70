#include "retailers/client_credentials.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "retailers/response_errors.h"

namespace wic::retailers {
namespace {

namespace json = boost::json;

// Walmart documents 900 s and Kroger 1800 s; a response without expires_in
// gets the shorter one.
constexpr auto kDefaultLifetime = std::chrono::seconds{900};

RetailerError malformed(const ClientCredentials& credentials, std::string_view reason) {
  RetailerError error;
  error.kind = ErrorKind::kMalformedResponse;
  error.message = fmt::format("{} token endpoint {} returned an unreadable response: {}", credentials.retailer,
                              credentials.token_url, reason);
  return error;
}

RetailerResult<TokenGrant> parse_grant(const ClientCredentials& credentials, const std::string& body) {
  boost::system::error_code parse_error;
  const json::value root = json::parse(body, parse_error);
  if (parse_error || !root.is_object()) {
    return malformed(credentials, "not a JSON object");
  }
  const json::object& object = root.as_object();

  const json::value* token = object.if_contains("access_token");
  if (token == nullptr || !token->is_string() || token->as_string().empty()) {
    return malformed(credentials, "no access_token");
  }

  Duration lifetime = kDefaultLifetime;
  if (const json::value* expires_in = object.if_contains("expires_in")) {
    if (expires_in->is_int64() && expires_in->as_int64() > 0) {
      lifetime = std::chrono::seconds{expires_in->as_int64()};
    } else if (expires_in->is_string()) {
      lifetime = std::chrono::seconds{std::atoll(expires_in->as_string().c_str())};
    }
    if (lifetime <= Duration::zero()) {
      return malformed(credentials, "expires_in is not a positive number of seconds");
    }
  }
  return TokenGrant{Secret(std::string(token->as_string())), lifetime};
}

}  // namespace

TokenFetcher make_client_credentials_fetcher(std::shared_ptr<HttpClient> http, std::shared_ptr<Clock> clock,
                                             ClientCredentials credentials) {
  return [http = std::move(http), clock = std::move(clock),
          credentials = std::move(credentials)]() -> RetailerResult<TokenGrant> {
    HttpRequest request;
    request.method = "POST";
    request.url = credentials.token_url;
    request.retailer = credentials.retailer;
    request.correlation_header = credentials.correlation_header;
    request.headers = credentials.extra_headers;
    const std::string basic = base64_encode(credentials.client_id + ":" + credentials.client_secret.reveal());
    request.headers.emplace_back("Authorization", "Basic " + basic);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.headers.emplace_back("Accept", "application/json");
    request.body = "grant_type=client_credentials";
    if (!credentials.scope.empty()) {
      request.body += "&scope=" + url_encode(credentials.scope);
    }

    spdlog::info("token request: retailer={} client_id={} scope={}", credentials.retailer, credentials.client_id,
                 credentials.scope);
    RetailerResult<HttpResponse> response = http->send(request);
    if (!response) {
      return response.error();
    }

    const std::string what = fmt::format("{} token request for client {}", credentials.retailer, credentials.client_id);
    if (auto error = error_for_status(*response, what, clock->system_now())) {
      // A token endpoint says 400 for a bad client as often as 401.
      if (error->http_status == 400) {
        error->kind = ErrorKind::kAuthentication;
      }
      return *error;
    }
    return parse_grant(credentials, response->body);
  };
}

}  // namespace wic::retailers
