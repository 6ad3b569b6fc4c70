#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.h"
#include "inventory/inventory_service.h"
#include "storage/storage.h"

namespace wic::inventory {

struct ReportFollowerOptions {
  // Clock time between two reads of the report feed: the longest delay,
  // plus one read, before a report taken by another process shows here.
  Duration interval = std::chrono::seconds{1};
  // Reports read per query. A read repeats the query until it has caught up.
  int page_size = 500;
};

// Follows the shopper reports that every process on the database adds, so
// that API replicas serve each other's reports within one interval. Every
// interval it reads the reports after its cursor, and the inventory service
// reads the cached (store, GTIN) items they name again from storage. The
// cursor starts at the newest report when the follower is built, because
// older reports are already in storage. Reports this process took are
// applied again, which only re-reads storage. Thread-safe.
class ReportFollower {
 public:
  // Reads the newest report id; throws storage::StorageError when the
  // database fails.
  ReportFollower(storage::Storage& storage, InventoryService& service, std::shared_ptr<Clock> clock,
                 ReportFollowerOptions options = {});
  ~ReportFollower();  // calls stop()

  ReportFollower(const ReportFollower&) = delete;
  ReportFollower& operator=(const ReportFollower&) = delete;

  // Calls poll() every interval on a thread of its own until stop().
  void start();
  // Stops the thread after its current read. Idempotent.
  void stop();

  // Reads the feed when an interval has passed since the last read (or
  // none was made), and applies what it read. Returns whether it read. A
  // failed read is logged and leaves the cursor where it was, so the next
  // one tries again.
  bool poll();

  // Id of the last report applied.
  std::int64_t cursor() const { return cursor_.load(); }
  // Reports applied since start.
  std::int64_t reports_applied() const { return reports_applied_.load(); }

 private:
  void read_feed();
  void log_failure(const std::exception& error);

  storage::Storage& storage_;
  InventoryService& service_;
  std::shared_ptr<Clock> clock_;
  const ReportFollowerOptions options_;

  std::mutex poll_mutex_;  // one read at a time; guards the three fields below
  std::optional<MonotonicTime> last_read_;
  std::int64_t failures_ = 0;  // consecutive failed reads
  std::optional<MonotonicTime> last_failure_logged_;

  std::atomic<std::int64_t> cursor_{0};
  std::atomic<std::int64_t> reports_applied_{0};

  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace wic::inventory
