#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "core/clock.h"
#include "retailers/retailer_error.h"
#include "retailers/secret.h"

namespace wic::retailers {

// An access token as a token endpoint grants it.
struct TokenGrant {
  Secret access_token;
  Duration expires_in{};  // lifetime from the moment of the grant
};

// Fetches a new token; called by OAuthTokenSource, one call at a time.
using TokenFetcher = std::function<RetailerResult<TokenGrant>()>;

struct TokenSourceOptions {
  // A token is refreshed this long before it expires, so that no request
  // leaves with a token that expires on the way.
  Duration refresh_margin = std::chrono::seconds{60};
  // After a failed refresh, the next attempt waits this long while the old
  // token still serves, so a broken token endpoint is not hammered.
  Duration retry_after_failure = std::chrono::seconds{5};
};

// Cached OAuth 2.0 access token that refreshes itself. Thread-safe:
// - one refresh at a time, however many threads ask; while it runs, callers
//   get the old token if it is still valid and otherwise wait for the refresh;
// - a failed refresh keeps serving the old token while it is still valid;
// - invalidate() drops a token that the retailer rejected with a 401.
class OAuthTokenSource {
 public:
  OAuthTokenSource(TokenFetcher fetch, std::shared_ptr<Clock> clock, TokenSourceOptions options = {});

  // A valid token: the cached one, or a new one when the cached one is
  // within the refresh margin of its expiry.
  RetailerResult<Secret> token();

  // Drops `rejected` if it is still the cached token, so the next token()
  // fetches a new one. A token already replaced is left alone.
  void invalidate(const Secret& rejected);

  int refresh_count() const;  // successful and failed fetches, for status and tests

 private:
  RetailerResult<Secret> refresh(std::unique_lock<std::mutex>& lock);

  TokenFetcher fetch_;
  std::shared_ptr<Clock> clock_;
  TokenSourceOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable refreshed_;
  bool refreshing_ = false;                      // guarded by mutex_
  std::optional<Secret> token_;                  // guarded by mutex_
  MonotonicTime expires_at_{};                   // guarded by mutex_
  std::optional<MonotonicTime> last_failure_;    // guarded by mutex_
  std::optional<RetailerError> last_error_;      // guarded by mutex_
  int refresh_count_ = 0;                        // guarded by mutex_
};

// One token source per (token URL, client id, scope), shared by every
// connector that uses the same credentials. Thread-safe.
class TokenSourceCache {
 public:
  std::shared_ptr<OAuthTokenSource> get(const std::string& token_url, const std::string& client_id,
                                        const std::string& scope, const std::function<std::shared_ptr<OAuthTokenSource>()>& make);

 private:
  std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, std::shared_ptr<OAuthTokenSource>> sources_;
};

}  // namespace wic::retailers
