#include "http_test_client.h"

#include <algorithm>
#include <cctype>
#include <curl/curl.h>
#include <stdexcept>

namespace wic::testing {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t append_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    headers[name] = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
  }
  return size * count;
}

}  // namespace

std::optional<std::string> HttpResponse::header(const std::string& lower_case_name) const {
  const auto found = headers.find(lower_case_name);
  if (found == headers.end()) {
    return std::nullopt;
  }
  return found->second;
}

HttpTestClient::HttpTestClient(std::string base_url) : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  if (curl_ == nullptr) {
    throw std::runtime_error("curl_easy_init failed");
  }
}

HttpTestClient::~HttpTestClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse HttpTestClient::get(const std::string& path, const HeaderList& headers) {
  return request("GET", path, "", headers);
}

HttpResponse HttpTestClient::post(const std::string& path, const std::string& body, const HeaderList& headers) {
  return request("POST", path, body, headers);
}

HttpResponse HttpTestClient::request(const std::string& method, const std::string& path, const std::string& body,
                                     const HeaderList& headers) {
  CURL* curl = static_cast<CURL*>(curl_);
  HttpResponse response;
  const std::string url = base_url_ + path;

  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : headers) {
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  }
  // libcurl adds "Expect: 100-continue" to larger POSTs; the retailers' own
  // clients do not wait for it.
  header_list = curl_slist_append(header_list, "Expect:");

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  } else {
    response.transport_error = curl_easy_strerror(code);
    response.timed_out = code == CURLE_OPERATION_TIMEDOUT;
    response.no_response = code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR;
  }
  long opened = 0;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &opened);
  connections_opened_ += opened;
  return response;
}

std::string basic_auth(const std::string& user, const std::string& password) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string input = user + ":" + password;
  std::string output;
  for (std::size_t i = 0; i < input.size(); i += 3) {
    const std::size_t remaining = std::min<std::size_t>(3, input.size() - i);
    unsigned value = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      value = (value << 8) | (j < remaining ? static_cast<unsigned char>(input[i + j]) : 0U);
    }
    for (std::size_t j = 0; j < 4; ++j) {
      output += j <= remaining ? kAlphabet[(value >> (18 - 6 * j)) & 0x3F] : '=';
    }
  }
  return "Basic " + output;
}

}  // namespace wic::testing
