#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "ratelimit/cancellation.h"
#include "ratelimit/rate_limiter.h"
#include "retailers/http_client.h"
#include "retailers/retailer_error.h"
#include "retailers/secret.h"
#include "retailers/token_source.h"

namespace wic::retailers {

// Adds a retailer's authentication headers to a request; `token` is null
// when the retailer is not configured for OAuth.
using Authenticate = std::function<void(HttpRequest& request, const Secret* token)>;

// Sender of retailer GETs. Each attempt first takes a permit from the
// endpoint's rate limiter and carries the access token. A 401 gets one retry
// with a new token. 429s and quota headers are fed back into the limiter.
// get() returns a 2xx response or a typed error. Thread-safe.
class ApiCaller {
 public:
  struct Options {
    std::string retailer;  // "walmart", "kroger"
    std::string correlation_header = "X-Correlation-Id";
    Duration rate_limit_wait = std::chrono::seconds{30};
  };

  ApiCaller(Options options, std::shared_ptr<HttpClient> http, std::shared_ptr<Clock> clock,
            std::shared_ptr<OAuthTokenSource> tokens, Authenticate authenticate);

  // `what` names the call in logs and errors, e.g. "walmart items lookup".
  // The response's or error's `attempts` counts every call sent, the one
  // before a 401 retry included.
  RetailerResult<HttpResponse> get(ratelimit::RateLimiter& limiter, const std::string& url, std::string_view what,
                                   const ratelimit::CancellationToken* cancel);

  // Calls made on the wire, retries included.
  std::int64_t calls() const { return calls_.load(); }

 private:
  RetailerResult<HttpResponse> send_once(ratelimit::RateLimiter& limiter, const std::string& url, std::string_view what,
                                         const ratelimit::CancellationToken* cancel, const Secret* token);
  std::optional<RetailerError> acquire_permit(ratelimit::RateLimiter& limiter, std::string_view what,
                                              const ratelimit::CancellationToken* cancel);
  void feed_back(ratelimit::RateLimiter& limiter, const HttpResponse& response);

  Options options_;
  std::shared_ptr<HttpClient> http_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<OAuthTokenSource> tokens_;
  Authenticate authenticate_;
  std::atomic<std::int64_t> calls_{0};
};

}  // namespace wic::retailers
