#pragma once

#include <chrono>
#include <memory>
#include <mutex>

namespace wic {

using SystemTime = std::chrono::system_clock::time_point;
using MonotonicTime = std::chrono::steady_clock::time_point;
using Duration = std::chrono::steady_clock::duration;

// Source of time for everything that waits, expires or counts per day: rate
// limiters, token expiry, caches, schedulers. Production code uses
// RealClock. Tests use ManualClock and walk a simulated day in milliseconds
// of real time. System time is for timestamps and calendar days; monotonic
// time is for intervals. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;

  virtual SystemTime system_now() const = 0;
  virtual MonotonicTime monotonic_now() const = 0;

  // Blocks the calling thread for `duration` of this clock's time. A
  // ManualClock advances itself instead of blocking, so code that sleeps runs
  // at full speed under test.
  virtual void sleep_for(Duration duration) = 0;
};

class RealClock final : public Clock {
 public:
  SystemTime system_now() const override;
  MonotonicTime monotonic_now() const override;
  void sleep_for(Duration duration) override;

  // Process-wide instance for callers that are not handed a clock.
  static std::shared_ptr<Clock> shared();
};

// Clock that moves only when told. Both time lines move together.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(SystemTime start = SystemTime{std::chrono::hours{24 * 20454}});

  SystemTime system_now() const override;
  MonotonicTime monotonic_now() const override;
  void sleep_for(Duration duration) override;  // advances by `duration`

  void advance(Duration duration);
  void set(SystemTime time);  // moves forward only; an earlier time is ignored

 private:
  mutable std::mutex mutex_;
  SystemTime system_;
  MonotonicTime monotonic_;
};

}  // namespace wic
