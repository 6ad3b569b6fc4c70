#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "http/reply.h"
#include "sandbox/context.h"

namespace wic::sandbox {

// Walmart's documented error body:
// {"errors":[{"code","message","category","severity","field"}]}.
http::Reply walmart_error(int status, std::string_view code, std::string_view message, std::string_view field = {});

// POST /v3/token: OAuth 2.0 client credentials (Marketplace style).
http::Reply handle_walmart_token(SandboxContext& context, Call& call);
// GET /api-proxy/service/affil/product/v2/items?upc= or ?ids=, and .../items/{itemId}.
http::Reply handle_walmart_items(SandboxContext& context, Call& call);
// GET /api-proxy/service/affil/product/v2/stores?zip= or ?lat=&lon=.
http::Reply handle_walmart_stores(SandboxContext& context, Call& call);

// Client id a call claims, before it is verified, for the statistics.
std::string claimed_walmart_client(SandboxContext& context, const Call& call);

// An authenticated call within its quota.
struct WalmartAdmission {
  std::string client_id;
  QuotaDecision quota;
};

// Authenticates a product or store call by access token or affiliate
// signature and spends one call of the client's quota. Returns the error
// reply to send when either fails.
std::variant<WalmartAdmission, http::Reply> admit_walmart_call(SandboxContext& context, Call& call);

// Adds X-Current-Token-Count and X-Next-Replenishment-Time.
void add_walmart_quota_headers(http::Reply& reply, const QuotaDecision& quota);

}  // namespace wic::sandbox
