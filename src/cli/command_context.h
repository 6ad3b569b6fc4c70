#pragma once

#include <memory>
#include <string>

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

  storage::Storage& storage();

 private:
  std::unique_ptr<storage::Storage> storage_;
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
