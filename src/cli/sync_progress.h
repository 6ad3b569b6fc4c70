#pragma once

#include <cstdio>
#include <mutex>

#include "core/clock.h"
#include "sync/job_options.h"

namespace wic::cli {

// Progress of a sync job on stderr: a bar redrawn in place on a terminal,
// or a plain line every few seconds otherwise (a log file, CI).
// Thread-safe: the job's workers call update().
class SyncProgress {
 public:
  explicit SyncProgress(std::FILE* out = stderr);

  void update(const sync::JobProgress& progress);
  // Ends the bar's line, so the summary starts on a new one.
  void finish();

 private:
  std::FILE* out_;
  const bool terminal_;
  std::mutex mutex_;
  MonotonicTime last_line_{};  // guarded by mutex_
  bool drawn_ = false;         // guarded by mutex_
};

}  // namespace wic::cli
