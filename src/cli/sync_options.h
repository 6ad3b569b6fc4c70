#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "core/clock.h"
#include "core/gtin.h"
#include "core/retailer.h"
#include "core/store_id.h"
#include "sync/sync_services.h"

namespace wic::cli {

// What the sync commands share: storage, the clock and the sync services
// built from the environment and the .env file.
struct SyncRuntime {
  std::shared_ptr<storage::Storage> storage;
  std::shared_ptr<Clock> clock;
  sync::SyncServices services;
};

// Opens the database and builds the sync services. Throws CommandError
// naming the variable or file that is wrong.
SyncRuntime open_sync_runtime(CommandContext& context, const std::string& env_file);

// Parsers of command-line values; each throws CommandError with exit code 2
// naming the value and the expected form.
std::optional<Retailer> parse_retailer_option(const std::string& name);
std::vector<StoreId> parse_store_ids(const std::vector<std::string>& ids);
std::vector<Gtin> parse_upcs(const std::vector<std::string>& codes);
// "7d", "12h", "30m".
Duration parse_age(const std::string& text);

}  // namespace wic::cli
