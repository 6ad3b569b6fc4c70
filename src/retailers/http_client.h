#pragma once

#include <functional>
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "retailers/retailer_error.h"

namespace wic::retailers {

// Header names compare case-insensitively, so they are stored lower-case.
using HttpHeaders = std::map<std::string, std::string>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // may carry secrets: never logged
  std::string body;
  // Idempotent requests are retried after a timeout, a failed connection or
  // a 5xx. A token request is also safe to repeat.
  bool idempotent = true;
  // Header that carries the request's correlation id (Walmart wants
  // WM_QOS.CORRELATION_ID).
  std::string correlation_header = "X-Correlation-Id";
  std::string retailer;  // for log lines, e.g. "walmart"
  // Called before every attempt, retries included, so that each call the
  // retailer sees is paid for in its quota. An error stops the request and
  // is returned as is.
  std::function<std::optional<RetailerError>()> before_attempt;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // lower-case names
  std::string body;
  std::string correlation_id;
  int attempts = 1;

  const std::string* header(const std::string& lower_case_name) const;
};

struct HttpOptions {
  Duration connect_timeout = std::chrono::seconds{5};
  Duration total_timeout = std::chrono::seconds{20};  // per attempt
  int max_attempts = 3;                                // first try included
  Duration backoff_base = std::chrono::milliseconds{500};
  Duration backoff_max = std::chrono::seconds{10};
  std::string ca_bundle;  // PEM file of trusted CAs; empty: the system's
  std::string user_agent = "wic-inventory/0.1";
};

// HTTP client on libcurl. TLS peer and host verification are always on.
// Connections are reused: finished easy handles go back to a pool with their
// connection cache. Every attempt gets a fresh correlation id. Idempotent
// requests are retried on timeouts, connection failures and 5xx responses with
// exponential back-off and full jitter, sleeping on the injected clock.
// Thread-safe.
class HttpClient {
 public:
  HttpClient(HttpOptions options, std::shared_ptr<Clock> clock);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Returns the response of any HTTP status, after retries for 5xx; an error
  // only when no response arrived (kTimeout, or kUpstream for a transport
  // failure).
  RetailerResult<HttpResponse> send(const HttpRequest& request);

  const HttpOptions& options() const { return options_; }

 private:
  struct Attempt;
  Attempt perform_once(const HttpRequest& request, const std::string& correlation_id);
  Duration backoff(int failed_attempts);
  void* take_handle();
  void return_handle(void* handle);

  HttpOptions options_;
  std::shared_ptr<Clock> clock_;

  std::mutex mutex_;
  std::vector<void*> idle_handles_;  // CURL*, guarded by mutex_
  std::mt19937_64 random_;           // guarded by mutex_
};

// Random UUID version 4, the form Walmart documents for correlation ids.
std::string make_correlation_id();

// Percent-encodes `text` for a query string or form body.
std::string url_encode(std::string_view text);

// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);

}  // namespace wic::retailers
