#include "inventory/report_follower.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace wic::inventory {
namespace {

// Maximum single sleep of the thread, so stop() takes effect quickly
// whatever the interval.
constexpr Duration kMaxSleep = std::chrono::milliseconds{200};
// A database that keeps failing is logged at most this often.
constexpr Duration kFailureLogInterval = std::chrono::minutes{1};

}  // namespace

ReportFollower::ReportFollower(storage::Storage& storage, InventoryService& service, std::shared_ptr<Clock> clock,
                               ReportFollowerOptions options)
    : storage_(storage), service_(service), clock_(std::move(clock)), options_(options) {
  cursor_.store(storage_.newest_report_id());
}

ReportFollower::~ReportFollower() { stop(); }

void ReportFollower::start() {
  if (thread_.joinable()) {
    return;
  }
  spdlog::info("report follower: starting after report id {}, reading every {} ms", cursor_.load(),
               std::chrono::duration_cast<std::chrono::milliseconds>(options_.interval).count());
  thread_ = std::thread([this] {
    while (!stopping_.load()) {
      poll();
      clock_->sleep_for(std::min(options_.interval, kMaxSleep));
    }
  });
}

void ReportFollower::stop() {
  stopping_.store(true);
  if (thread_.joinable()) {
    thread_.join();
    spdlog::info("report follower: stopped at report id {}, {} reports applied", cursor_.load(),
                 reports_applied_.load());
  }
}

bool ReportFollower::poll() {
  std::lock_guard lock(poll_mutex_);
  const MonotonicTime now = clock_->monotonic_now();
  if (last_read_ && now - *last_read_ < options_.interval) {
    return false;
  }
  last_read_ = now;

  try {
    read_feed();
  } catch (const std::exception& error) {
    log_failure(error);
    return true;
  }
  if (failures_ > 0) {
    spdlog::info("report follower: reading the report feed again after {} failed reads", failures_);
    failures_ = 0;
    last_failure_logged_.reset();
  }
  return true;
}

void ReportFollower::read_feed() {
  const int page_size = std::max(1, options_.page_size);
  for (;;) {
    const std::vector<storage::InventoryReport> reports = storage_.reports_after(cursor_.load(), page_size);
    if (reports.empty()) {
      return;
    }

    const std::size_t reread = service_.on_reports_added(reports);
    cursor_.store(reports.back().id);
    reports_applied_.fetch_add(static_cast<std::int64_t>(reports.size()));
    spdlog::debug("report follower: applied {} reports up to id {}, {} cached items read again", reports.size(),
                  reports.back().id, reread);

    if (reports.size() < static_cast<std::size_t>(page_size)) {
      return;
    }
  }
}

void ReportFollower::log_failure(const std::exception& error) {
  ++failures_;
  const MonotonicTime now = clock_->monotonic_now();
  if (last_failure_logged_ && now - *last_failure_logged_ < kFailureLogInterval) {
    return;
  }
  last_failure_logged_ = now;
  spdlog::error("report follower: reading reports after id {} failed ({} failed reads in a row), retrying in {} ms: {}",
                cursor_.load(), failures_,
                std::chrono::duration_cast<std::chrono::milliseconds>(options_.interval).count(), error.what());
}

}  // namespace wic::inventory
