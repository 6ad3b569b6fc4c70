#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "core/clock.h"

namespace wic {

// Clock that runs `scale` times faster than a base clock and can be set or
// moved forward, so a simulated day passes in minutes (scale 60: one hour a
// real minute). Its system time is
//   start + (base system time - anchor) x scale,
// so processes built with the same scale, start and anchor agree on the
// time, to the precision of the host's clock. Thread-safe.
class ScaledClock final : public Clock {
 public:
  // `anchor` is the base clock's system time at which this clock reads
  // `start`. Without `anchor`, the clock starts at construction. Without
  // `start`, it starts at the anchor's time. The anchor is turned into a
  // reading of the base's monotonic time once, so a later step of the
  // host's wall clock does not move this clock.
  explicit ScaledClock(double scale, std::optional<SystemTime> start = std::nullopt,
                       std::shared_ptr<Clock> base = RealClock::shared(),
                       std::optional<SystemTime> anchor = std::nullopt);

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
  Duration scaled_elapsed() const;  // since the anchor, on this clock; negative before it

  const double scale_;
  const std::shared_ptr<Clock> base_;
  const MonotonicTime base_anchor_;  // the base's monotonic time at the anchor
  mutable std::mutex mutex_;
  SystemTime system_at_anchor_;
  MonotonicTime monotonic_at_anchor_;
};

}  // namespace wic
