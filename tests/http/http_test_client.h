#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wic::testing {

struct HttpResponse {
  // 0 when no response arrived; `transport_error` then says why.
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string transport_error;  // libcurl's message, empty on success
  bool timed_out = false;
  // The peer closed or reset the connection without sending a response.
  bool no_response = false;

  std::optional<std::string> header(const std::string& lower_case_name) const;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Blocking HTTP/1.1 client over libcurl. One instance keeps one connection
// alive between requests, as a retailer client would. Not thread-safe; use
// one per thread.
class HttpTestClient {
 public:
  explicit HttpTestClient(std::string base_url);
  ~HttpTestClient();
  HttpTestClient(const HttpTestClient&) = delete;
  HttpTestClient& operator=(const HttpTestClient&) = delete;

  HttpResponse get(const std::string& path, const HeaderList& headers = {});
  HttpResponse post(const std::string& path, const std::string& body, const HeaderList& headers = {});
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body,
                       const HeaderList& headers);

  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
  // Connections libcurl opened so far; 1 after several requests means
  // keep-alive worked.
  long connections_opened() const { return connections_opened_; }

 private:
  std::string base_url_;
  void* curl_;
  std::chrono::milliseconds timeout_{10000};
  long connections_opened_ = 0;
};

// "Basic base64(user:password)".
std::string basic_auth(const std::string& user, const std::string& password);

}  // namespace wic::testing
