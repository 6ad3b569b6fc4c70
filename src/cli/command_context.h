#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/simulated_time.h"
#include "storage/storage.h"

namespace wic::cli {

// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;       // the command ran and failed (database, network, ...)
inline constexpr int kExitInvalidInput = 2;  // bad arguments or input values; nothing was changed

// Settings shared by all commands, and the storage they open on first use.
class CommandContext {
 public:
  std::string database = "wic-inventory.db";  // --db or WIC_INVENTORY_DB
  std::string log_level;                      // --log-level; empty: the command's default
  // --time-scale, --start-time and --time-anchor (or WIC_TIME_SCALE,
  // WIC_START_TIME, WIC_TIME_ANCHOR); all empty: real time.
  SimulatedTimeText simulated_time;

  storage::Storage& storage();
  // The clock of every command: real time, or the simulated clock that
  // `simulated_time` describes, made on first use. Throws CommandError with
  // exit code 2 naming a bad value.
  std::shared_ptr<Clock> clock();

 private:
  std::unique_ptr<storage::Storage> storage_;
  std::shared_ptr<Clock> clock_;
};

// Thrown by a command to end with an error message and an exit code.
class CommandError : public std::runtime_error {
 public:
  CommandError(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

}  // namespace wic::cli
