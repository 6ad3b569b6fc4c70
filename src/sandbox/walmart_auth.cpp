#include "sandbox/walmart_handler.h"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "sandbox/wire.h"

namespace wic::sandbox {
namespace {

namespace json = boost::json;

constexpr std::string_view kTokenHeader = "WM_SEC.ACCESS_TOKEN";

bool accepts(const std::vector<ClientCredentials>& clients, const BasicCredentials& credentials) {
  return std::any_of(clients.begin(), clients.end(), [&](const ClientCredentials& client) {
    return client.client_id == credentials.client_id && client.client_secret == credentials.client_secret;
  });
}

http::Reply unauthorized(std::string_view message, std::string_view field) {
  return walmart_error(401, "UNAUTHORIZED.GMP_GATEWAY_API", message, field);
}

std::variant<std::string, http::Reply> check_access_token(SandboxContext& context, Call& call,
                                                          const std::string& token) {
  const auto grant = context.tokens.check(Retailer::kWalmart, token, context.now());
  switch (grant.check) {
    case TokenStore::Check::kUnknown:
      return unauthorized("invalid WM_SEC.ACCESS_TOKEN: not a token this server issued; request one from POST /v3/token",
                          kTokenHeader);
    case TokenStore::Check::kExpired:
      return unauthorized("WM_SEC.ACCESS_TOKEN has expired; request a new one from POST /v3/token", kTokenHeader);
    case TokenStore::Check::kRevoked:
      return unauthorized("WM_SEC.ACCESS_TOKEN has been revoked; request a new one from POST /v3/token",
                          kTokenHeader);
    case TokenStore::Check::kValid:
      break;
  }

  if (call.fault.revoke_token) {
    context.tokens.revoke(token);
    context.stats.record_fault("revoke_token");
    spdlog::info("sandbox: fault revoke_token: revoked a Walmart token of client {} before its expiry",
                 grant.client_id);
    return unauthorized("WM_SEC.ACCESS_TOKEN has been revoked; request a new one from POST /v3/token",
                        kTokenHeader);
  }
  return grant.client_id;
}

std::variant<std::string, http::Reply> check_signature(SandboxContext& context, const Call& call) {
  SignedHeaders headers;
  const std::pair<std::string_view, std::string*> fields[] = {
      {"WM_CONSUMER.ID", &headers.consumer_id},
      {"WM_CONSUMER.INTIMESTAMP", &headers.timestamp_ms},
      {"WM_SEC.KEY_VERSION", &headers.key_version},
      {"WM_SEC.AUTH_SIGNATURE", &headers.signature},
  };
  for (const auto& [name, value] : fields) {
    const auto header = call.request.header(name);
    if (!header || header->empty()) {
      return unauthorized(fmt::format("missing header {}; a signed call sends WM_CONSUMER.ID, "
                                      "WM_CONSUMER.INTIMESTAMP, WM_SEC.KEY_VERSION and WM_SEC.AUTH_SIGNATURE",
                                      name),
                          name);
    }
    *value = std::string(*header);
  }

  if (const auto error = context.signatures->verify(headers, context.now())) {
    return unauthorized(error->message, "WM_SEC.AUTH_SIGNATURE");
  }
  return headers.consumer_id;
}

}  // namespace

http::Reply walmart_error(int status, std::string_view code, std::string_view message, std::string_view field) {
  json::object error{{"code", code}, {"message", message}, {"category", status >= 500 ? "APPLICATION" : "REQUEST"},
                     {"severity", "ERROR"}};
  if (!field.empty()) {
    error["field"] = field;
  }
  return json_reply(status, json::object{{"errors", json::array{std::move(error)}}});
}

http::Reply handle_walmart_token(SandboxContext& context, Call& call) {
  for (const std::string_view header : {"WM_SVC.NAME", "WM_QOS.CORRELATION_ID"}) {
    if (!call.request.header(header) || call.request.header(header)->empty()) {
      return walmart_error(400, "INVALID_REQUEST_HEADER.GMP_GATEWAY_API",
                           fmt::format("missing header {}; the token call needs WM_SVC.NAME and "
                                       "WM_QOS.CORRELATION_ID (a GUID)",
                                       header),
                           header);
    }
  }

  const auto credentials = parse_basic_auth(call.request);
  if (!credentials) {
    return unauthorized("missing or invalid Authorization header: expected Basic base64(client_id:client_secret)",
                        "Authorization");
  }
  call.client_id = credentials->client_id;
  if (!accepts(context.config.walmart_clients, *credentials)) {
    spdlog::info("sandbox: Walmart token rejected: invalid credentials for client {}", credentials->client_id);
    return unauthorized(fmt::format("invalid client credentials for client id \"{}\"", credentials->client_id),
                        "Authorization");
  }

  const auto form = http::parse_form(call.request.body);
  const auto grant_type = form ? form->get("grant_type") : std::nullopt;
  if (grant_type != "client_credentials") {
    return walmart_error(400, "INVALID_REQUEST_PARAM.GMP_GATEWAY_API",
                         fmt::format("invalid grant_type \"{}\": expected grant_type=client_credentials in the "
                                     "form body",
                                     grant_type.value_or("")),
                         "grant_type");
  }

  const std::string token = context.tokens.issue(Retailer::kWalmart, credentials->client_id, {}, context.now(),
                                                 context.config.walmart_token_lifetime);
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(context.config.walmart_token_lifetime);
  return json_reply(200, json::object{{"access_token", token}, {"token_type", "Bearer"},
                                      {"expires_in", lifetime.count()}});
}

std::string claimed_walmart_client(SandboxContext& context, const Call& call) {
  if (call.endpoint == "walmart.token") {
    const auto credentials = parse_basic_auth(call.request);
    return credentials ? credentials->client_id : std::string();
  }
  if (const auto token = call.request.header(kTokenHeader)) {
    return context.tokens.check(Retailer::kWalmart, std::string(*token), context.now()).client_id;
  }
  return std::string(call.request.header("WM_CONSUMER.ID").value_or(""));
}

std::variant<WalmartAdmission, http::Reply> admit_walmart_call(SandboxContext& context, Call& call) {
  std::variant<std::string, http::Reply> client;
  if (const auto token = call.request.header(kTokenHeader); token && !token->empty()) {
    client = check_access_token(context, call, std::string(*token));
  } else if (call.request.header("WM_CONSUMER.ID")) {
    client = check_signature(context, call);
  } else {
    return unauthorized("missing credentials: send WM_SEC.ACCESS_TOKEN from POST /v3/token, or the affiliate "
                        "signature headers starting with WM_CONSUMER.ID",
                        kTokenHeader);
  }
  if (auto* reply = std::get_if<http::Reply>(&client)) {
    return std::move(*reply);
  }
  call.client_id = std::get<std::string>(client);

  const QuotaDecision quota = context.quotas.spend(QuotaBucket::kWalmart, call.client_id, context.now());
  if (!quota.allowed()) {
    const bool daily = quota.outcome == QuotaDecision::Outcome::kDailyExhausted;
    context.stats.record_rate_limited(daily ? "quota" : "burst");
    spdlog::info("sandbox: Walmart call of client {} rejected with 429: {}", call.client_id,
                 daily ? "daily quota spent" : "burst limit");
    http::Reply reply = walmart_error(
        429, "REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API",
        daily ? fmt::format("daily quota of {} calls is spent; it is replenished at {}", quota.limit,
                            format_utc(quota.replenish_at))
              : fmt::format("more than {} calls in one second; slow down", context.config.quotas.burst_per_second));
    reply.with_header("Retry-After", retry_after_seconds(quota.retry_after));
    reply.with_header("X-Current-Token-Count", "0");
    const SystemTime replenish = daily ? quota.replenish_at : context.now() + quota.retry_after;
    reply.with_header("X-Next-Replenishment-Time", std::to_string(epoch_milliseconds(replenish)));
    return reply;
  }
  return WalmartAdmission{call.client_id, quota};
}

void add_walmart_quota_headers(http::Reply& reply, const QuotaDecision& quota) {
  reply.with_header("X-Current-Token-Count", std::to_string(quota.remaining));
  reply.with_header("X-Next-Replenishment-Time", std::to_string(epoch_milliseconds(quota.replenish_at)));
}

}  // namespace wic::sandbox
