#include "ratelimit/quota_window.h"

#include <stdexcept>

#include <fmt/format.h>

namespace wic::ratelimit {

QuotaWindow::QuotaWindow(WindowSpec spec, std::string key, std::shared_ptr<QuotaLedger> ledger, SystemTime now)
    : spec_(std::move(spec)), key_(std::move(key)), ledger_(std::move(ledger)) {
  if (spec_.period <= Duration::zero() || spec_.limit <= 0 || spec_.slots <= 0) {
    throw std::invalid_argument(fmt::format("invalid quota window \"{}\": the period, limit and slot count must be "
                                            "positive",
                                            spec_.name));
  }
  slot_width_ = std::chrono::duration_cast<SystemTime::duration>(spec_.period) / spec_.slots;
  if (slot_width_ <= SystemTime::duration::zero()) {
    throw std::invalid_argument(fmt::format("invalid quota window \"{}\": {} slots are too many for its period",
                                            spec_.name, spec_.slots));
  }

  if (ledger_ == nullptr) {
    return;
  }
  // The slots that can still count: those that end after now - period.
  const SystemTime newest = slot_start(now);
  for (SystemTime start = newest - slot_width_ * spec_.slots; start <= newest; start += slot_width_) {
    const std::int64_t spent = ledger_->spent(key_, start);
    if (spent > 0) {
      slots_.push_back(Slot{start, spent});
    }
  }
  drop_expired(now);
}

Duration QuotaWindow::time_until(std::int64_t count, SystemTime now) {
  if (count > spec_.limit) {
    return Duration::max();
  }
  drop_expired(now);

  std::int64_t excess = used() + count - spec_.limit;
  if (excess <= 0) {
    return Duration::zero();
  }
  for (const Slot& slot : slots_) {
    excess -= slot.count;
    if (excess <= 0) {
      const SystemTime leaves = slot.start + slot_width_ + spec_.period;
      return std::chrono::duration_cast<Duration>(leaves - now);
    }
  }
  return Duration::max();  // unreachable while count <= limit
}

void QuotaWindow::record(std::int64_t count, SystemTime now) {
  add_to_slot(count, now);
  if (ledger_ != nullptr) {
    ledger_->add(key_, slot_start(now), count);
  }
}

bool QuotaWindow::take(std::int64_t count, SystemTime now) {
  if (ledger_ == nullptr || !ledger_->shared()) {
    record(count, now);
    return true;
  }

  // The slots that still count are those from one period before the
  // current slot on, as in drop_expired.
  const SystemTime current = slot_start(now);
  const SystemTime window_start = current - slot_width_ * spec_.slots;
  if (!ledger_->try_take(key_, window_start, current, count, spec_.limit)) {
    return false;
  }
  add_to_slot(count, now);
  return true;
}

void QuotaWindow::absorb(std::int64_t count, SystemTime now) { add_to_slot(count, now); }

WindowStatus QuotaWindow::status(SystemTime now) {
  drop_expired(now);

  WindowStatus status{spec_.name, spec_.limit, std::max<std::int64_t>(0, spec_.limit - used()), std::nullopt};
  if (!slots_.empty()) {
    status.next_refill = slots_.front().start + slot_width_ + spec_.period;
  }
  return status;
}

SystemTime QuotaWindow::slot_start(SystemTime time) const {
  const auto since_epoch = time.time_since_epoch();
  return SystemTime{since_epoch - since_epoch % slot_width_};
}

void QuotaWindow::drop_expired(SystemTime now) {
  // A slot counts while any part of it lies within (now - period, now].
  while (!slots_.empty() && slots_.front().start + slot_width_ + spec_.period <= now) {
    slots_.pop_front();
  }
}

std::int64_t QuotaWindow::used() const {
  std::int64_t total = 0;
  for (const Slot& slot : slots_) {
    total += slot.count;
  }
  return total;
}

void QuotaWindow::add_to_slot(std::int64_t count, SystemTime now) {
  const SystemTime start = slot_start(now);
  if (!slots_.empty() && slots_.back().start == start) {
    slots_.back().count += count;
    return;
  }
  slots_.push_back(Slot{start, count});
}

}  // namespace wic::ratelimit
