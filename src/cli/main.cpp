// wic-inventory: one binary, one subcommand per task.

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

namespace {

void configure_logging(const std::string& level_name) {
  auto logger = spdlog::stderr_color_mt("wic");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  spdlog::set_level(spdlog::level::from_str(level_name));
}

}  // namespace

int main(int argc, char** argv) {
  wic::cli::CommandContext context;
  CLI::App app{"wic-inventory: availability of WIC foods, above all infant formula, at stores near a family"};
  app.require_subcommand(1);
  app.add_option("--db", context.database,
                 "SQLite database file (created when missing) or postgresql:// URL")
      ->envname("WIC_INVENTORY_DB")
      ->capture_default_str();
  app.add_option("--log-level", context.log_level, "Log level: trace, debug, info, warn, error or off")
      ->envname("WIC_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_option("--time-scale", context.simulated_time.scale,
                 "Run on a simulated clock this many times faster than real time, e.g. 60 (one simulated hour "
                 "a real minute); default: real time")
      ->envname("WIC_TIME_SCALE");
  app.add_option("--start-time", context.simulated_time.start,
                 "Simulated time at the anchor, YYYY-MM-DDTHH:MM:SSZ; default: the anchor's time")
      ->envname("WIC_START_TIME");
  app.add_option("--time-anchor", context.simulated_time.anchor,
                 "Unix time in milliseconds at which the simulated clock reads --start-time; default: start-up. "
                 "Processes given the same three values agree on the time")
      ->envname("WIC_TIME_ANCHOR");
  app.parse_complete_callback([&context] {
    // One-shot commands print their own summary, so only warnings are
    // logged unless asked; long-running commands set "info" themselves.
    configure_logging(context.log_level.empty() ? "warn" : context.log_level);
    // A bad clock setting stops every command before it starts.
    context.clock();
  });

  wic::cli::add_upc_command(app, context);
  wic::cli::add_catalog_commands(app, context);
  wic::cli::add_stores_commands(app, context);
  wic::cli::add_serve_command(app, context);
  wic::cli::add_sync_commands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // Prints the help or the parser's message. Every rejected argument ends
    // with the usage exit code, as other invalid input does, rather than
    // CLI11's own codes (105 for a failed check, 109 for an extra argument).
    const int code = app.exit(error);
    return code == 0 ? wic::cli::kExitOk : wic::cli::kExitInvalidInput;
  } catch (const wic::cli::CommandError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return error.exit_code();
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return wic::cli::kExitFailure;
  }
  return wic::cli::kExitOk;
}
