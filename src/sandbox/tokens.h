#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/retailer.h"

namespace wic::sandbox {

// Bearer tokens issued by the simulated token endpoints. Expiry runs on the
// sandbox's clock. Thread-safe.
class TokenStore {
 public:
  enum class Check { kValid, kUnknown, kExpired, kRevoked };

  struct Grant {
    Check check = Check::kUnknown;
    std::string client_id;        // when valid
    std::set<std::string> scopes;  // when valid
  };

  explicit TokenStore(std::uint64_t seed);

  // Issues a token for `retailer` that expires `lifetime` after `now`.
  std::string issue(Retailer retailer, const std::string& client_id, std::set<std::string> scopes,
                    SystemTime now, Duration lifetime);
  // Whether `token` was issued for `retailer` and is still good at `now`.
  Grant check(Retailer retailer, const std::string& token, SystemTime now) const;
  // Revokes before expiry, as a retailer does when credentials are rotated.
  void revoke(const std::string& token);
  void revoke_all();

 private:
  struct Entry {
    Retailer retailer;
    std::string client_id;
    std::set<std::string> scopes;
    SystemTime expires_at;
    bool revoked = false;
  };

  void forget_expired(SystemTime now);

  mutable std::mutex mutex_;
  std::mt19937_64 random_;
  std::unordered_map<std::string, Entry> tokens_;
  std::uint64_t issued_ = 0;
};

}  // namespace wic::sandbox
