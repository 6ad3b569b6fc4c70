#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "core/clock.h"

namespace wic::sandbox {

// Clock that runs `scale` times faster than a base clock and can be set or
// moved forward, so a simulated day passes in minutes (scale 60: one hour a
// real minute). Thread-safe.
class ScaledClock final : public Clock {
 public:
  // Starts at `start` (the base clock's time when not given).
  explicit ScaledClock(double scale, std::optional<SystemTime> start = std::nullopt,
                       std::shared_ptr<Clock> base = RealClock::shared());

  SystemTime system_now() const override;
  MonotonicTime monotonic_now() const override;
  // Sleeps `duration` of this clock's time: duration / scale of real time.
  void sleep_for(Duration duration) override;

  // Moves system time to `time`, earlier or later. Monotonic time moves
  // forward by the same amount, or not at all when `time` is earlier.
  void set(SystemTime time);
  void advance(Duration duration);  // ignores a negative duration
  double scale() const { return scale_; }

 private:
  Duration scaled_elapsed() const;  // since the anchor, on this clock

  const double scale_;
  const std::shared_ptr<Clock> base_;
  const MonotonicTime base_anchor_;
  mutable std::mutex mutex_;
  SystemTime system_at_anchor_;
  MonotonicTime monotonic_at_anchor_;
};

}  // namespace wic::sandbox
