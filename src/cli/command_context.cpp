#include "cli/command_context.h"

namespace wic::cli {

storage::Storage& CommandContext::storage() {
  if (!storage_) {
    storage_ = storage::open_storage(database);
  }
  return *storage_;
}

}  // namespace wic::cli
