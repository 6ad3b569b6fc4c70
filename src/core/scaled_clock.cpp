#include "core/scaled_clock.h"

namespace wic {
namespace {

// The base's monotonic time at which its system time was `anchor`.
MonotonicTime monotonic_at(const Clock& base, SystemTime anchor) {
  const auto since_anchor = base.system_now() - anchor;
  return base.monotonic_now() - std::chrono::duration_cast<Duration>(since_anchor);
}

}  // namespace

ScaledClock::ScaledClock(double scale, std::optional<SystemTime> start, std::shared_ptr<Clock> base,
                         std::optional<SystemTime> anchor)
    : scale_(scale > 0 ? scale : 1.0),
      base_(std::move(base)),
      base_anchor_(anchor ? monotonic_at(*base_, *anchor) : base_->monotonic_now()),
      system_at_anchor_(start ? *start : anchor.value_or(base_->system_now())),
      monotonic_at_anchor_(base_anchor_) {}

Duration ScaledClock::scaled_elapsed() const {
  const auto real = std::chrono::duration<double>(base_->monotonic_now() - base_anchor_);
  return std::chrono::duration_cast<Duration>(real * scale_);
}

SystemTime ScaledClock::system_now() const {
  std::lock_guard lock(mutex_);
  return system_at_anchor_ + std::chrono::duration_cast<SystemTime::duration>(scaled_elapsed());
}

MonotonicTime ScaledClock::monotonic_now() const {
  std::lock_guard lock(mutex_);
  return monotonic_at_anchor_ + scaled_elapsed();
}

void ScaledClock::sleep_for(Duration duration) {
  base_->sleep_for(std::chrono::duration_cast<Duration>(std::chrono::duration<double>(duration) / scale_));
}

void ScaledClock::set(SystemTime time) {
  std::lock_guard lock(mutex_);
  const SystemTime now = system_at_anchor_ + std::chrono::duration_cast<SystemTime::duration>(scaled_elapsed());
  if (time > now) {
    monotonic_at_anchor_ += std::chrono::duration_cast<Duration>(time - now);
  }
  system_at_anchor_ += time - now;
}

void ScaledClock::advance(Duration duration) {
  if (duration <= Duration::zero()) {
    return;
  }
  std::lock_guard lock(mutex_);
  system_at_anchor_ += std::chrono::duration_cast<SystemTime::duration>(duration);
  monotonic_at_anchor_ += duration;
}

}  // namespace wic
