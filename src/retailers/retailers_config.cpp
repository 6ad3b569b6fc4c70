#include "retailers/retailers_config.h"

#include <charconv>

#include <fmt/format.h>

namespace wic::retailers {
namespace {

std::string trim_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

std::optional<Error> check_url(const std::string& variable, const std::string& url) {
  if (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) {
    return std::nullopt;
  }
  return Error{"invalid_url", fmt::format("{}=\"{}\" is not an http:// or https:// URL; set it to a URL such as "
                                          "https://api.kroger.com",
                                          variable, url)};
}

// Reads a positive whole number of `unit` from `variable` into `target`.
template <typename Unit>
std::optional<Error> read_duration(const Environment& environment, const std::string& variable, Duration& target) {
  const std::optional<std::string> text = environment.get(variable);
  if (!text) {
    return std::nullopt;
  }
  long long value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size() || value <= 0) {
    return Error{"invalid_duration",
                 fmt::format("{}=\"{}\" is not a positive whole number", variable, *text)};
  }
  target = std::chrono::duration_cast<Duration>(Unit{value});
  return std::nullopt;
}

void read_string(const Environment& environment, const std::string& variable, std::string& target) {
  if (auto value = environment.get(variable)) {
    target = *value;
  }
}

void read_secret(const Environment& environment, const std::string& variable, Secret& target) {
  if (auto value = environment.get(variable)) {
    target = Secret(*value);
  }
}

void point_at_sandbox(RetailersConfig& config, const std::string& sandbox_url) {
  config.simulated = true;
  config.sandbox_url = sandbox_url;
  // The sandbox serves each retailer's paths as the production hosts do.
  config.walmart.base_url = sandbox_url + "/api-proxy/service";
  config.walmart.token_url = sandbox_url + "/v3/token";
  config.kroger.base_url = sandbox_url;
  config.kroger.token_url = sandbox_url + "/v1/connect/oauth2/token";
}

// The sandbox's test client id and secret wherever no value was given. A
// Walmart configured for signatures only is left without OAuth.
void use_sandbox_credentials(RetailersConfig& config) {
  const bool walmart_signature_only = config.walmart.has_signature() && config.walmart.client_id.empty() &&
                                      config.walmart.client_secret.empty();
  if (!walmart_signature_only) {
    if (config.walmart.client_id.empty()) {
      config.walmart.client_id = kSandboxClientId;
    }
    if (config.walmart.client_secret.empty()) {
      config.walmart.client_secret = Secret(kSandboxClientSecret);
    }
  }
  if (config.kroger.client_id.empty()) {
    config.kroger.client_id = kSandboxClientId;
  }
  if (config.kroger.client_secret.empty()) {
    config.kroger.client_secret = Secret(kSandboxClientSecret);
  }
}

std::optional<Error> read_http_options(const Environment& environment, HttpOptions& http) {
  if (auto error = read_duration<std::chrono::milliseconds>(environment, "WIC_HTTP_CONNECT_TIMEOUT_MS",
                                                            http.connect_timeout)) {
    return error;
  }
  if (auto error = read_duration<std::chrono::milliseconds>(environment, "WIC_HTTP_TIMEOUT_MS", http.total_timeout)) {
    return error;
  }
  if (auto attempts = environment.get("WIC_HTTP_MAX_ATTEMPTS")) {
    int value = 0;
    const auto [end, parse_error] = std::from_chars(attempts->data(), attempts->data() + attempts->size(), value);
    if (parse_error != std::errc{} || end != attempts->data() + attempts->size() || value < 1 || value > 10) {
      return Error{"invalid_attempts",
                   fmt::format("WIC_HTTP_MAX_ATTEMPTS=\"{}\" is not a whole number from 1 to 10", *attempts)};
    }
    http.max_attempts = value;
  }
  read_string(environment, "WIC_CA_BUNDLE", http.ca_bundle);
  return std::nullopt;
}

}  // namespace

Result<RetailersConfig> load_retailers_config(const Environment& environment) {
  RetailersConfig config;

  if (auto sandbox = environment.get("WIC_SANDBOX_URL")) {
    const std::string url = trim_trailing_slash(*sandbox);
    if (auto error = check_url("WIC_SANDBOX_URL", url)) {
      return *error;
    }
    point_at_sandbox(config, url);
  }

  WalmartConfig& walmart = config.walmart;
  read_string(environment, "WALMART_BASE_URL", walmart.base_url);
  read_string(environment, "WALMART_TOKEN_URL", walmart.token_url);
  read_string(environment, "WALMART_CLIENT_ID", walmart.client_id);
  read_secret(environment, "WALMART_CLIENT_SECRET", walmart.client_secret);
  read_string(environment, "WALMART_SERVICE_NAME", walmart.service_name);
  read_string(environment, "WALMART_CONSUMER_ID", walmart.consumer_id);
  read_string(environment, "WALMART_KEY_VERSION", walmart.key_version);
  read_string(environment, "WALMART_PRIVATE_KEY_PATH", walmart.private_key_path);
  walmart.base_url = trim_trailing_slash(walmart.base_url);

  KrogerConfig& kroger = config.kroger;
  read_string(environment, "KROGER_BASE_URL", kroger.base_url);
  read_string(environment, "KROGER_TOKEN_URL", kroger.token_url);
  read_string(environment, "KROGER_CLIENT_ID", kroger.client_id);
  read_secret(environment, "KROGER_CLIENT_SECRET", kroger.client_secret);
  read_string(environment, "KROGER_SCOPE", kroger.scope);
  kroger.base_url = trim_trailing_slash(kroger.base_url);
  if (config.simulated) {
    use_sandbox_credentials(config);
  }

  for (const auto& [variable, url] : {std::pair{"WALMART_BASE_URL", walmart.base_url},
                                      std::pair{"WALMART_TOKEN_URL", walmart.token_url},
                                      std::pair{"KROGER_BASE_URL", kroger.base_url},
                                      std::pair{"KROGER_TOKEN_URL", kroger.token_url}}) {
    if (auto error = check_url(variable, url)) {
      return *error;
    }
  }
  if (walmart.consumer_id.empty() != walmart.private_key_path.empty()) {
    return Error{"incomplete_walmart_signature",
                 "WALMART_CONSUMER_ID and WALMART_PRIVATE_KEY_PATH must be set together to sign Walmart affiliate "
                 "requests; set both or neither"};
  }

  if (auto error = read_http_options(environment, config.http)) {
    return *error;
  }
  if (auto error = read_duration<std::chrono::seconds>(environment, "WIC_TOKEN_REFRESH_MARGIN_SECONDS",
                                                       config.token_refresh_margin)) {
    return *error;
  }
  if (auto error = read_duration<std::chrono::milliseconds>(environment, "WIC_RATE_LIMIT_WAIT_MS",
                                                            config.rate_limit_wait)) {
    return *error;
  }
  return config;
}

}  // namespace wic::retailers
