#include "retailers/api_caller.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "retailers/response_errors.h"

namespace wic::retailers {
namespace {

long long to_milliseconds(Duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

}  // namespace

ApiCaller::ApiCaller(Options options, std::shared_ptr<HttpClient> http, std::shared_ptr<Clock> clock,
                     std::shared_ptr<OAuthTokenSource> tokens, Authenticate authenticate)
    : options_(std::move(options)),
      http_(std::move(http)),
      clock_(std::move(clock)),
      tokens_(std::move(tokens)),
      authenticate_(std::move(authenticate)) {}

RetailerResult<HttpResponse> ApiCaller::get(ratelimit::RateLimiter& limiter, const std::string& url,
                                            std::string_view what, const ratelimit::CancellationToken* cancel) {
  if (tokens_ == nullptr) {
    return send_once(limiter, url, what, cancel, nullptr);
  }

  RetailerResult<Secret> token = tokens_->token();
  if (!token) {
    RetailerError error = token.error();
    error.attempts = 0;  // token calls spend no product quota
    return error;
  }
  RetailerResult<HttpResponse> response = send_once(limiter, url, what, cancel, &*token);
  if (response || response.error().http_status != 401) {
    return response;
  }

  // The retailer rejected a token we thought valid (revoked, or expired
  // early): drop it and try once more with a new one.
  spdlog::warn("{}: HTTP 401, fetching a new token and retrying once, correlation_id={}", what,
               response.error().correlation_id);
  tokens_->invalidate(*token);
  const int rejected_attempts = response.error().attempts;
  RetailerResult<Secret> renewed = tokens_->token();
  if (!renewed) {
    RetailerError error = renewed.error();
    error.attempts = rejected_attempts;  // the token call itself spends no product quota
    return error;
  }

  RetailerResult<HttpResponse> retried = send_once(limiter, url, what, cancel, &*renewed);
  if (!retried) {
    RetailerError error = retried.error();
    error.attempts += rejected_attempts;
    return error;
  }
  HttpResponse renewed_response = std::move(retried).value();
  renewed_response.attempts += rejected_attempts;
  return renewed_response;
}

RetailerResult<HttpResponse> ApiCaller::send_once(ratelimit::RateLimiter& limiter, const std::string& url,
                                                  std::string_view what, const ratelimit::CancellationToken* cancel,
                                                  const Secret* token) {
  HttpRequest request;
  request.url = url;
  request.retailer = options_.retailer;
  request.correlation_header = options_.correlation_header;
  request.headers.emplace_back("Accept", "application/json");
  authenticate_(request, token);
  request.before_attempt = [&]() -> std::optional<RetailerError> {
    if (auto refused = acquire_permit(limiter, what, cancel)) {
      return refused;
    }
    ++calls_;
    return std::nullopt;
  };

  RetailerResult<HttpResponse> response = http_->send(request);
  if (!response) {
    return response;
  }
  feed_back(limiter, *response);

  if (auto error = error_for_status(*response, what, clock_->system_now())) {
    spdlog::warn("{}: {} ({}), correlation_id={}", what, error->message, to_string(error->kind),
                 error->correlation_id);
    return *error;
  }
  return response;
}

std::optional<RetailerError> ApiCaller::acquire_permit(ratelimit::RateLimiter& limiter, std::string_view what,
                                                       const ratelimit::CancellationToken* cancel) {
  const MonotonicTime deadline = clock_->monotonic_now() + options_.rate_limit_wait;
  const ratelimit::AcquireStatus status = limiter.acquire(1, deadline, cancel);
  if (status == ratelimit::AcquireStatus::kAcquired) {
    return std::nullopt;
  }

  RetailerError error;
  if (status == ratelimit::AcquireStatus::kCancelled) {
    error.kind = ErrorKind::kCancelled;
    error.message = fmt::format("{} cancelled while waiting for the {} rate limiter", what, limiter.name());
    return error;
  }
  error.kind = ErrorKind::kRateLimited;
  error.retry_after = limiter.time_until(1);
  error.message = fmt::format("{} not sent: the {} quota allows no call within {} ms", what, limiter.name(),
                              to_milliseconds(options_.rate_limit_wait));
  spdlog::info("{}: held back by rate limiter {}", what, limiter.name());
  return error;
}

void ApiCaller::feed_back(ratelimit::RateLimiter& limiter, const HttpResponse& response) {
  if (auto quota = parse_quota_headers(response)) {
    limiter.on_quota_headers(quota->remaining, quota->next_replenishment);
  }
  if (response.status == 429) {
    limiter.on_rate_limited(parse_retry_after(response, clock_->system_now()));
  }
}

}  // namespace wic::retailers
