#include "retailers/http_client.h"

#include <algorithm>
#include <cctype>

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace wic::retailers {
namespace {

// libcurl must be initialised once per process before any thread uses it.
void init_curl_once() {
  static const bool initialised = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)initialised;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<HttpHeaders*>(user);
  const std::string_view line(data, size * count);
  const std::size_t colon = line.find(':');
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after a redirect or 100 Continue) starts over
  } else if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    (*headers)[std::move(name)] = std::string(value);
  }
  return size * count;
}

long milliseconds(Duration duration) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count());
}

bool is_timeout(CURLcode code) { return code == CURLE_OPERATION_TIMEDOUT; }

bool is_retryable_transport(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_COULDNT_CONNECT || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
}

// The URL without its query string, for log lines.
std::string_view url_path(std::string_view url) { return url.substr(0, url.find('?')); }

}  // namespace

struct HttpClient::Attempt {
  CURLcode code = CURLE_OK;
  HttpResponse response;
  std::string transport_error;
};

const std::string* HttpResponse::header(const std::string& lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? nullptr : &it->second;
}

HttpClient::HttpClient(HttpOptions options, std::shared_ptr<Clock> clock)
    : options_(std::move(options)), clock_(std::move(clock)), random_(std::random_device{}()) {
  init_curl_once();
}

HttpClient::~HttpClient() {
  for (void* handle : idle_handles_) {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

RetailerResult<HttpResponse> HttpClient::send(const HttpRequest& request) {
  const int max_attempts = request.idempotent ? std::max(1, options_.max_attempts) : 1;

  for (int attempt_number = 1;; ++attempt_number) {
    if (request.before_attempt) {
      if (std::optional<RetailerError> refused = request.before_attempt()) {
        refused->attempts = attempt_number - 1;
        return *std::move(refused);
      }
    }

    const std::string correlation_id = make_correlation_id();
    Attempt attempt = perform_once(request, correlation_id);
    attempt.response.attempts = attempt_number;

    const bool transport_failed = attempt.code != CURLE_OK;
    const bool server_failed = !transport_failed && attempt.response.status >= 500;
    const bool retryable = transport_failed ? is_retryable_transport(attempt.code) : server_failed;

    if (retryable && attempt_number < max_attempts) {
      const Duration wait = backoff(attempt_number);
      spdlog::warn("http retry: retailer={} method={} url={} attempt={} status={} error=\"{}\" correlation_id={} "
                   "backoff_ms={}",
                   request.retailer, request.method, url_path(request.url), attempt_number,
                   attempt.response.status, attempt.transport_error, correlation_id, milliseconds(wait));
      clock_->sleep_for(wait);
      continue;
    }

    if (!transport_failed) {
      return std::move(attempt.response);
    }

    spdlog::error("http failed: retailer={} method={} url={} attempts={} error=\"{}\" correlation_id={}",
                  request.retailer, request.method, url_path(request.url), attempt_number, attempt.transport_error,
                  correlation_id);
    RetailerError error;
    error.kind = is_timeout(attempt.code) ? ErrorKind::kTimeout : ErrorKind::kUpstream;
    error.message = fmt::format("{} {} {} failed after {} attempts: {}", request.retailer, request.method,
                                url_path(request.url), attempt_number, attempt.transport_error);
    error.correlation_id = correlation_id;
    error.attempts = attempt_number;
    return error;
  }
}

HttpClient::Attempt HttpClient::perform_once(const HttpRequest& request, const std::string& correlation_id) {
  CURL* curl = static_cast<CURL*>(take_handle());
  Attempt attempt;
  attempt.response.correlation_id = correlation_id;

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, fmt::format("{}: {}", name, value).c_str());
  }
  headers = curl_slist_append(headers, fmt::format("{}: {}", request.correlation_header, correlation_id).c_str());

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(options_.connect_timeout));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, milliseconds(options_.total_timeout));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, safe with threads
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!options_.ca_bundle.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_bundle.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt.response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &attempt.response.headers);
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  const MonotonicTime started = clock_->monotonic_now();
  attempt.code = curl_easy_perform(curl);
  const Duration latency = clock_->monotonic_now() - started;

  if (attempt.code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    attempt.response.status = static_cast<int>(status);
  } else {
    attempt.transport_error = curl_easy_strerror(attempt.code);
  }
  spdlog::debug("http: retailer={} method={} url={} status={} latency_ms={} correlation_id={}", request.retailer,
                request.method, url_path(request.url), attempt.response.status, milliseconds(latency),
                correlation_id);

  curl_slist_free_all(headers);
  return_handle(curl);
  return attempt;
}

Duration HttpClient::backoff(int failed_attempts) {
  // Full jitter: a random wait up to base * 2^(n-1), capped, so that clients
  // that failed together do not retry together.
  const Duration doubled = options_.backoff_base * (Duration::rep{1} << std::min(failed_attempts - 1, 20));
  const Duration cap = std::min(options_.backoff_max, doubled);
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<Duration::rep> distribution(cap.count() / 2, cap.count());
  return Duration{distribution(random_)};
}

void* HttpClient::take_handle() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_handles_.empty()) {
      void* handle = idle_handles_.back();
      idle_handles_.pop_back();
      // Reset clears the options but keeps the handle's open connections.
      curl_easy_reset(static_cast<CURL*>(handle));
      return handle;
    }
  }
  return curl_easy_init();
}

void HttpClient::return_handle(void* handle) {
  std::lock_guard lock(mutex_);
  idle_handles_.push_back(handle);
}

std::string make_correlation_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const std::uint64_t high = random();
  const std::uint64_t low = random();
  // Version 4 and the RFC 4122 variant bits.
  const std::uint64_t versioned_high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  const std::uint64_t variant_low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", versioned_high >> 32, (versioned_high >> 16) & 0xFFFF,
                     versioned_high & 0xFFFF, variant_low >> 48, variant_low & 0xFFFFFFFFFFFFULL);
}

std::string url_encode(std::string_view text) {
  std::string encoded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  return encoded;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string encoded;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned value = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
    encoded += kAlphabet[(value >> 18) & 63];
    encoded += kAlphabet[(value >> 12) & 63];
    encoded += kAlphabet[(value >> 6) & 63];
    encoded += kAlphabet[value & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned value = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) {
      value |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    encoded += kAlphabet[(value >> 18) & 63];
    encoded += kAlphabet[(value >> 12) & 63];
    encoded += rest == 2 ? kAlphabet[(value >> 6) & 63] : '=';
    encoded += '=';
  }
  return encoded;
}

}  // namespace wic::retailers
