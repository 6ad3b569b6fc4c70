#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "http/reply.h"
#include "sandbox/context.h"

namespace wic::sandbox {

// Kroger's documented 400 body: {"timestamp", "code", "reason"}.
http::Reply kroger_error(int status, std::string_view code, std::string_view reason, SystemTime now);

// POST /v1/connect/oauth2/token: client credentials, scope product.compact.
http::Reply handle_kroger_token(SandboxContext& context, Call& call);
// GET /v1/products and /v1/products/{productId}.
http::Reply handle_kroger_products(SandboxContext& context, Call& call);
// GET /v1/locations and /v1/locations/{locationId}.
http::Reply handle_kroger_locations(SandboxContext& context, Call& call);

// Client id a call claims, before it is verified, for the statistics.
std::string claimed_kroger_client(SandboxContext& context, const Call& call);

// Authenticates a bearer token with `scope` (none: any token) and spends one
// call of `bucket`. Returns the error reply when either fails.
std::optional<http::Reply> admit_kroger_call(SandboxContext& context, Call& call, std::string_view scope,
                                             QuotaBucket bucket);

// Value of a filter that must be a whole number in [min, max], or the 400.
std::variant<std::int64_t, http::Reply> kroger_int_filter(const SandboxContext& context, const Call& call,
                                                          std::string_view name, std::int64_t min, std::int64_t max,
                                                          std::int64_t fallback);

}  // namespace wic::sandbox
