#include "ratelimit/acquire.h"

#include <algorithm>

namespace wic::ratelimit {

std::string_view to_string(AcquireStatus status) {
  switch (status) {
    case AcquireStatus::kAcquired:
      return "acquired";
    case AcquireStatus::kDeadlineExceeded:
      return "deadline_exceeded";
    case AcquireStatus::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

AcquireStatus acquire_blocking(Clock& clock, MonotonicTime deadline, const CancellationToken* cancel,
                               const std::function<Grant()>& attempt) {
  while (true) {
    if (cancel != nullptr && cancel->cancelled()) {
      return AcquireStatus::kCancelled;
    }

    const Grant grant = attempt();
    if (grant.granted) {
      return AcquireStatus::kAcquired;
    }

    const MonotonicTime now = clock.monotonic_now();
    if (grant.wait == Duration::max() || now >= deadline || grant.wait > deadline - now) {
      return AcquireStatus::kDeadlineExceeded;
    }

    // Another thread may take the permits first, so the loop tries again
    // after the sleep instead of assuming the grant.
    clock.sleep_for(std::clamp(grant.wait, Duration{1}, kMaxAcquireSleep));
  }
}

}  // namespace wic::ratelimit
