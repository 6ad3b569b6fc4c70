#pragma once

// The sandbox's scaled clock is the service's: processes started with the
// same --time-scale, --start-time and --time-anchor agree on the time.
#include "core/scaled_clock.h"

namespace wic::sandbox {

using ScaledClock = wic::ScaledClock;

}  // namespace wic::sandbox
