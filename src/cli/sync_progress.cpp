#include "cli/sync_progress.h"

#include <unistd.h>

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace wic::cli {
namespace {

constexpr int kBarWidth = 30;
// Plain lines are written at most this often.
constexpr auto kLineInterval = std::chrono::seconds{5};

}  // namespace

SyncProgress::SyncProgress(std::FILE* out) : out_(out), terminal_(::isatty(::fileno(out)) == 1) {}

void SyncProgress::update(const sync::JobProgress& progress) {
  std::lock_guard lock(mutex_);
  const double share = progress.batches_total == 0
                           ? 1.0
                           : static_cast<double>(progress.batches_done) / static_cast<double>(progress.batches_total);
  const int percent = static_cast<int>(share * 100);

  if (terminal_) {
    const int filled = std::clamp(static_cast<int>(share * kBarWidth), 0, kBarWidth);
    fmt::print(out_, "\r{} job {} [{}{}] {:3}%  {}/{} calls  {} pairs", to_string(progress.retailer),
               progress.job_id, std::string(filled, '#'), std::string(kBarWidth - filled, '.'), percent,
               progress.batches_done, progress.batches_total, progress.pairs_done);
    std::fflush(out_);
    drawn_ = true;
    return;
  }

  // Real time, not the job's clock: this paces what a person reads.
  const MonotonicTime now = std::chrono::steady_clock::now();
  if (progress.batches_done != progress.batches_total && now - last_line_ < kLineInterval) {
    return;
  }
  last_line_ = now;
  fmt::print(out_, "{} job {}: {}% ({} of {} batches, {} pairs, {} calls)\n", to_string(progress.retailer),
             progress.job_id, percent, progress.batches_done, progress.batches_total, progress.pairs_done,
             progress.requests);
  std::fflush(out_);
}

void SyncProgress::finish() {
  std::lock_guard lock(mutex_);
  if (terminal_ && drawn_) {
    fmt::print(out_, "\n");
    drawn_ = false;
  }
}

}  // namespace wic::cli
