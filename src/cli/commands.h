#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace wic::cli {

// Each adds one command (or command group) to the application. The command
// runs from its callback and reports failure by throwing CommandError.
void add_upc_command(CLI::App& app, CommandContext& context);
void add_catalog_commands(CLI::App& app, CommandContext& context);
void add_stores_commands(CLI::App& app, CommandContext& context);
void add_serve_command(CLI::App& app, CommandContext& context);
// sync, stats, cleanup and `stores discover`; after add_stores_commands.
void add_sync_commands(CLI::App& app, CommandContext& context);
void add_stats_command(CLI::App& app, CommandContext& context);
void add_cleanup_command(CLI::App& app, CommandContext& context);
void add_stores_discover_command(CLI::App& app, CommandContext& context);

}  // namespace wic::cli
