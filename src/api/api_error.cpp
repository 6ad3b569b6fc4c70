#include "api/api_error.h"

#include <boost/json.hpp>

namespace wic::api {

http::Reply error_reply(int status, const std::string& code, const std::string& message) {
  boost::json::object error;
  error["code"] = code;
  error["message"] = message;
  boost::json::object body;
  body["error"] = std::move(error);
  return http::Reply::json(status, boost::json::serialize(body));
}

void throw_bad_request(std::string code, const std::string& message) {
  throw ApiError(400, std::move(code), message);
}

}  // namespace wic::api
