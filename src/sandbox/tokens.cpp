#include "sandbox/tokens.h"

#include <fmt/format.h>

namespace wic::sandbox {
namespace {

// Expired tokens are kept this long so a late call gets "expired", not
// "unknown", and then forgotten to bound memory.
constexpr auto kExpiredRetention = std::chrono::hours(24);

}  // namespace

TokenStore::TokenStore(std::uint64_t seed) : random_(seed ^ 0x746f6b656eULL) {}

std::string TokenStore::issue(Retailer retailer, const std::string& client_id, std::set<std::string> scopes,
                              SystemTime now, Duration lifetime) {
  std::lock_guard lock(mutex_);
  if (++issued_ % 1024 == 0) {
    forget_expired(now);
  }

  std::string token;
  do {
    token = fmt::format("sbx-{}-{:016x}{:016x}", to_string(retailer), random_(), random_());
  } while (tokens_.contains(token));

  tokens_.emplace(token, Entry{retailer, client_id, std::move(scopes),
                               now + std::chrono::duration_cast<SystemTime::duration>(lifetime)});
  return token;
}

TokenStore::Grant TokenStore::check(Retailer retailer, const std::string& token, SystemTime now) const {
  std::lock_guard lock(mutex_);
  const auto found = tokens_.find(token);
  if (found == tokens_.end() || found->second.retailer != retailer) {
    return Grant{Check::kUnknown, {}, {}};
  }
  const Entry& entry = found->second;
  if (entry.revoked) {
    return Grant{Check::kRevoked, {}, {}};
  }
  if (now >= entry.expires_at) {
    return Grant{Check::kExpired, {}, {}};
  }
  return Grant{Check::kValid, entry.client_id, entry.scopes};
}

void TokenStore::revoke(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (const auto found = tokens_.find(token); found != tokens_.end()) {
    found->second.revoked = true;
  }
}

void TokenStore::revoke_all() {
  std::lock_guard lock(mutex_);
  for (auto& [token, entry] : tokens_) {
    entry.revoked = true;
  }
}

void TokenStore::forget_expired(SystemTime now) {
  std::erase_if(tokens_, [&](const auto& item) { return item.second.expires_at + kExpiredRetention < now; });
}

}  // namespace wic::sandbox
