#include "cli/command_context.h"

#include <spdlog/spdlog.h>

namespace wic::cli {

storage::Storage& CommandContext::storage() {
  if (!storage_) {
    storage_ = storage::open_storage(database);
  }
  return *storage_;
}

std::shared_ptr<Clock> CommandContext::clock() {
  if (clock_) {
    return clock_;
  }

  auto settings = parse_simulated_time(simulated_time);
  if (!settings) {
    throw CommandError(kExitInvalidInput, settings.error().message);
  }
  clock_ = make_clock(*settings);
  if (*settings) {
    spdlog::warn("clock: simulated, {} simulated seconds a real second, now {}", (*settings)->scale,
                 format_utc_time(clock_->system_now()));
  }
  return clock_;
}

}  // namespace wic::cli
