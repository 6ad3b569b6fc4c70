#pragma once

#include <memory>

#include "http/server.h"
#include "sandbox/context.h"

namespace wic::sandbox {

// Builds the HTTP handler of a sandbox: routes each request to a retailer
// endpoint or a control endpoint, draws its faults and counts it.
http::Handler make_sandbox_handler(std::shared_ptr<SandboxContext> context);

}  // namespace wic::sandbox
