#include <boost/json.hpp>
#include <fmt/format.h>
#include <sstream>
#include <spdlog/spdlog.h>

#include "sandbox/kroger_handler.h"
#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::string_view kProductScope = "product.compact";

http::Reply token_error(int status, std::string_view error, std::string_view description) {
  return json_reply(status, json::object{{"error", error}, {"error_description", description}});
}

// The products OpenAPI file wraps the 401 body in "errors"; the token
// tutorial shows it bare. The wrapped form is sent.
http::Reply invalid_token(std::string_view description) {
  return json_reply(401, json::object{{"errors", {{"error", "invalid_token"}, {"error_description", description}}}});
}

std::set<std::string> split_scopes(const std::string& text) {
  std::set<std::string> scopes;
  std::istringstream words(text);
  for (std::string scope; words >> scope;) {
    scopes.insert(scope);
  }
  return scopes;
}

}  // namespace

http::Reply kroger_error(int status, std::string_view code, std::string_view reason, SystemTime now) {
  return json_reply(status, json::object{{"timestamp", epoch_milliseconds(now)}, {"code", code}, {"reason", reason}});
}

http::Reply handle_kroger_token(SandboxContext& context, Call& call) {
  const auto credentials = parse_basic_auth(call.request);
  if (!credentials) {
    return token_error(401, "unauthorized",
                       "missing or invalid Authorization header: expected Basic base64(client_id:client_secret)");
  }
  call.client_id = credentials->client_id;
  const auto& clients = context.config.kroger_clients;
  const bool accepted = std::any_of(clients.begin(), clients.end(), [&](const ClientCredentials& client) {
    return client.client_id == credentials->client_id && client.client_secret == credentials->client_secret;
  });
  if (!accepted) {
    spdlog::info("sandbox: Kroger token rejected: invalid credentials for client {}", credentials->client_id);
    return token_error(401, "unauthorized",
                       fmt::format("invalid client credentials for client id \"{}\"", credentials->client_id));
  }

  const auto form = http::parse_form(call.request.body);
  if (!form) {
    return token_error(400, "invalid_request", form.error().message);
  }
  const auto grant_type = form->get("grant_type");
  if (!grant_type) {
    return token_error(400, "invalid_request", "missing grant_type; send grant_type=client_credentials");
  }
  if (*grant_type != "client_credentials") {
    return token_error(400, "unsupported_grant_type",
                       fmt::format("grant_type \"{}\" is not supported here; use client_credentials", *grant_type));
  }
  std::set<std::string> scopes = split_scopes(form->get("scope").value_or(""));
  for (const auto& scope : scopes) {
    if (scope != kProductScope) {
      return token_error(400, "invalid_request",
                         fmt::format("invalid scope \"{}\": client credentials grant only product.compact", scope));
    }
  }

  const std::string token = context.tokens.issue(Retailer::kKroger, credentials->client_id, std::move(scopes),
                                                 context.now(), context.config.kroger_token_lifetime);
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(context.config.kroger_token_lifetime);
  return json_reply(200, json::object{{"expires_in", lifetime.count()}, {"access_token", token},
                                      {"token_type", "bearer"}});
}

std::string claimed_kroger_client(SandboxContext& context, const Call& call) {
  if (call.endpoint == "kroger.token") {
    const auto credentials = parse_basic_auth(call.request);
    return credentials ? credentials->client_id : std::string();
  }
  const auto token = parse_bearer_token(call.request);
  return token ? context.tokens.check(Retailer::kKroger, *token, context.now()).client_id : std::string();
}

std::optional<http::Reply> admit_kroger_call(SandboxContext& context, Call& call, std::string_view scope,
                                             QuotaBucket bucket) {
  const auto token = parse_bearer_token(call.request);
  if (!token) {
    return invalid_token("missing access token: send Authorization: Bearer <token> from POST "
                         "/v1/connect/oauth2/token");
  }
  const auto grant = context.tokens.check(Retailer::kKroger, *token, context.now());
  switch (grant.check) {
    case TokenStore::Check::kUnknown:
      return invalid_token("the access token is invalid; request one from POST /v1/connect/oauth2/token");
    case TokenStore::Check::kExpired:
      return invalid_token("the access token has expired; request a new one");
    case TokenStore::Check::kRevoked:
      return invalid_token("the access token has been revoked; request a new one");
    case TokenStore::Check::kValid:
      break;
  }
  call.client_id = grant.client_id;
  if (call.fault.revoke_token) {
    context.tokens.revoke(*token);
    context.stats.record_fault("revoke_token");
    spdlog::info("sandbox: fault revoke_token: revoked a Kroger token of client {} before its expiry",
                 grant.client_id);
    return invalid_token("the access token has been revoked; request a new one");
  }
  if (!scope.empty() && !grant.scopes.contains(std::string(scope))) {
    return json_reply(403, json::object{{"errors", {{"reason", fmt::format("missing required scopes: {}", scope)},
                                                    {"code", "Forbidden"},
                                                    {"timestamp", epoch_milliseconds(context.now())}}}});
  }

  const QuotaDecision quota = context.quotas.spend(bucket, grant.client_id, context.now());
  if (quota.allowed()) {
    return std::nullopt;
  }
  const bool daily = quota.outcome == QuotaDecision::Outcome::kDailyExhausted;
  context.stats.record_rate_limited(daily ? "quota" : "burst");
  spdlog::info("sandbox: Kroger {} call of client {} rejected with 429: {}", to_string(bucket), grant.client_id,
               daily ? "daily quota spent" : "burst limit");
  // NOTE: Kroger documents no 429 body; the 400 shape is reused.
  http::Reply reply = kroger_error(
      429, "API-4290-429",
      daily ? fmt::format("daily limit of {} {} calls reached; it resets at {}", quota.limit, to_string(bucket),
                          format_utc(quota.replenish_at))
            : fmt::format("more than {} calls in one second; slow down", context.config.quotas.burst_per_second),
      context.now());
  reply.with_header("Retry-After", retry_after_seconds(quota.retry_after));
  return reply;
}

std::variant<std::int64_t, http::Reply> kroger_int_filter(const SandboxContext& context, const Call& call,
                                                          std::string_view name, std::int64_t min, std::int64_t max,
                                                          std::int64_t fallback) {
  const auto text = call.target.query.get(name);
  if (!text) {
    return fallback;
  }
  const auto value = parse_integer(*text);
  if (!value || *value < min || *value > max) {
    return kroger_error(400, "API-4101-400",
                        fmt::format("Field '{}' must be a whole number from {} to {}, got \"{}\"",
                                    name.substr(name.find('.') + 1), min, max, *text),
                        context.now());
  }
  return *value;
}

}  // namespace wic::sandbox
