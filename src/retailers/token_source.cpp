#include "retailers/token_source.h"

#include <spdlog/spdlog.h>

namespace wic::retailers {

OAuthTokenSource::OAuthTokenSource(TokenFetcher fetch, std::shared_ptr<Clock> clock, TokenSourceOptions options)
    : fetch_(std::move(fetch)), clock_(std::move(clock)), options_(options) {}

RetailerResult<Secret> OAuthTokenSource::token() {
  std::unique_lock lock(mutex_);

  while (true) {
    const MonotonicTime now = clock_->monotonic_now();
    const bool valid = token_.has_value() && now < expires_at_;
    const bool fresh = valid && now < expires_at_ - options_.refresh_margin;
    const bool backing_off = last_failure_ && now < *last_failure_ + options_.retry_after_failure;

    if (fresh || (valid && (refreshing_ || backing_off))) {
      return *token_;
    }
    if (!valid && backing_off && last_error_) {
      return *last_error_;
    }
    if (!refreshing_) {
      return refresh(lock);
    }
    // No valid token and another thread is fetching one: wait for it.
    refreshed_.wait(lock, [this] { return !refreshing_; });
  }
}

RetailerResult<Secret> OAuthTokenSource::refresh(std::unique_lock<std::mutex>& lock) {
  refreshing_ = true;
  lock.unlock();
  RetailerResult<TokenGrant> grant = fetch_();
  lock.lock();
  refreshing_ = false;
  ++refresh_count_;
  refreshed_.notify_all();

  const MonotonicTime now = clock_->monotonic_now();
  if (grant.ok()) {
    token_ = grant->access_token;
    expires_at_ = now + grant->expires_in;
    last_failure_.reset();
    last_error_.reset();
    return *token_;
  }

  last_failure_ = now;
  last_error_ = grant.error();
  if (token_.has_value() && now < expires_at_) {
    spdlog::warn("token refresh failed, serving the cached token until it expires: {}", grant.error().message);
    return *token_;
  }
  spdlog::error("token refresh failed and no valid token is cached: {}", grant.error().message);
  return grant.error();
}

void OAuthTokenSource::invalidate(const Secret& rejected) {
  std::lock_guard lock(mutex_);
  if (token_ && *token_ == rejected) {
    token_.reset();
    last_failure_.reset();
  }
}

int OAuthTokenSource::refresh_count() const {
  std::lock_guard lock(mutex_);
  return refresh_count_;
}

std::shared_ptr<OAuthTokenSource> TokenSourceCache::get(const std::string& token_url, const std::string& client_id,
                                                        const std::string& scope,
                                                        const std::function<std::shared_ptr<OAuthTokenSource>()>& make) {
  std::lock_guard lock(mutex_);
  auto& source = sources_[{token_url, client_id, scope}];
  if (source == nullptr) {
    source = make();
  }
  return source;
}

}  // namespace wic::retailers
