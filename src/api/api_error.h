#pragma once

#include <stdexcept>
#include <string>

#include "http/reply.h"

namespace wic::api {

// A request the API rejects, with the HTTP status and the body's code and
// message. Handlers throw it; the dispatcher turns it into the JSON error
// body {"error": {"code": ..., "message": ...}}.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

// The JSON error body as a reply.
http::Reply error_reply(int status, const std::string& code, const std::string& message);

// 400 with `code`, for invalid request values.
[[noreturn]] void throw_bad_request(std::string code, const std::string& message);

}  // namespace wic::api
