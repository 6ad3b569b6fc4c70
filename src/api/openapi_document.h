#pragma once

#include <string_view>

namespace wic::api {

// The OpenAPI 3 document of this API (src/api/openapi.json, embedded at
// build time), served at /api/v1/openapi.json.
std::string_view openapi_document();

}  // namespace wic::api
