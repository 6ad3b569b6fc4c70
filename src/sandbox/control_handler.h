#pragma once

#include "http/reply.h"
#include "sandbox/context.h"

namespace wic::sandbox {

// The sandbox's own endpoints under /_sandbox/: stats, faults, time, reset
// and info. They spend no quota, draw no faults and are not counted.
http::Reply handle_control(SandboxContext& context, const http::Request& request, const http::Target& target);

// Body of GET /_sandbox/stats: counters, quota used and the time.
boost::json::object stats_json(const SandboxContext& context);

}  // namespace wic::sandbox
