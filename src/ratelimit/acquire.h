#pragma once

#include <functional>
#include <string_view>

#include "core/clock.h"
#include "ratelimit/cancellation.h"

namespace wic::ratelimit {

// Outcome of a non-blocking attempt to take permits.
struct Grant {
  bool granted = false;
  // When not granted: how long until the same request would pass, if nothing
  // else takes permits first. Duration::max() when it can never pass (more
  // permits than a window's limit or the bucket's burst).
  Duration wait = Duration::zero();

  static Grant now() { return Grant{true, Duration::zero()}; }
  static Grant after(Duration wait) { return Grant{false, wait}; }
  static Grant never() { return Grant{false, Duration::max()}; }
};

enum class AcquireStatus {
  kAcquired,
  // The permits would only be available after the deadline. The call returns
  // as soon as it knows this, without sleeping until the deadline.
  kDeadlineExceeded,
  kCancelled,
};

std::string_view to_string(AcquireStatus status);

// Longest single sleep of a blocking acquire, so a cancellation is seen
// within this much time of the clock.
inline constexpr Duration kMaxAcquireSleep = std::chrono::milliseconds{100};

// Calls `attempt` until it grants, the deadline cannot be met or `cancel`
// is set, sleeping on `clock` between attempts. `attempt` must take the
// permits itself when it grants. `cancel` may be null.
AcquireStatus acquire_blocking(Clock& clock, MonotonicTime deadline, const CancellationToken* cancel,
                               const std::function<Grant()>& attempt);

}  // namespace wic::ratelimit
