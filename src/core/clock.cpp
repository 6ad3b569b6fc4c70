#include "core/clock.h"

#include <thread>

namespace wic {

SystemTime RealClock::system_now() const { return std::chrono::system_clock::now(); }

MonotonicTime RealClock::monotonic_now() const { return std::chrono::steady_clock::now(); }

void RealClock::sleep_for(Duration duration) { std::this_thread::sleep_for(duration); }

std::shared_ptr<Clock> RealClock::shared() {
  static const std::shared_ptr<Clock> instance = std::make_shared<RealClock>();
  return instance;
}

ManualClock::ManualClock(SystemTime start) : system_(start), monotonic_(MonotonicTime{}) {}

SystemTime ManualClock::system_now() const {
  std::lock_guard lock(mutex_);
  return system_;
}

MonotonicTime ManualClock::monotonic_now() const {
  std::lock_guard lock(mutex_);
  return monotonic_;
}

void ManualClock::sleep_for(Duration duration) { advance(duration); }

void ManualClock::advance(Duration duration) {
  if (duration <= Duration::zero()) {
    return;
  }
  std::lock_guard lock(mutex_);
  system_ += std::chrono::duration_cast<SystemTime::duration>(duration);
  monotonic_ += duration;
}

void ManualClock::set(SystemTime time) {
  std::lock_guard lock(mutex_);
  if (time <= system_) {
    return;
  }
  monotonic_ += std::chrono::duration_cast<Duration>(time - system_);
  system_ = time;
}

}  // namespace wic
