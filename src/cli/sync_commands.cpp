// wic-inventory sync [formula] | stats | cleanup | stores discover

#include <csignal>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/sync_options.h"
#include "cli/sync_progress.h"
#include "cli/sync_summary.h"
#include "sync/scheduler.h"

namespace wic::cli {
namespace {

// Set by SIGINT and SIGTERM so `sync --watch` ends after its current round.
ratelimit::CancellationToken* g_watch_cancel = nullptr;

void on_stop_signal(int /*signal*/) {
  if (g_watch_cancel != nullptr) {
    g_watch_cancel->cancel();
  }
}

struct SyncArguments {
  std::string retailer;
  std::vector<std::string> stores;
  std::vector<std::string> upcs;
  bool formula = false;
  bool watch = false;
  std::int64_t rerun = 0;
  std::string env_file = ".env";
  int formula_minutes = 15;
  int other_hours = 24;
  bool watch_formula_only = false;
  int lease_ttl_seconds = 180;
};

std::vector<sync::JobSpec> job_specs(const SyncArguments& arguments, const sync::ConnectorRefresher& refresher) {
  const std::vector<StoreId> stores = parse_store_ids(arguments.stores);
  sync::ProductScope products = arguments.formula ? sync::ProductScope::formula() : sync::ProductScope::all();
  if (!arguments.upcs.empty()) {
    if (arguments.formula) {
      throw CommandError(kExitInvalidInput, "--upc cannot be used with `sync formula`: pass either or neither");
    }
    products = sync::ProductScope::list(parse_upcs(arguments.upcs));
  }

  std::vector<Retailer> retailers;
  if (auto retailer = parse_retailer_option(arguments.retailer)) {
    retailers.push_back(*retailer);
  } else if (!stores.empty()) {
    for (const StoreId& store : stores) {
      if (std::find(retailers.begin(), retailers.end(), store.retailer()) == retailers.end()) {
        retailers.push_back(store.retailer());
      }
    }
  } else {
    retailers = refresher.retailers();
  }
  if (retailers.empty()) {
    throw CommandError(kExitInvalidInput,
                       "no retailer is configured: set WALMART_CLIENT_ID and WALMART_CLIENT_SECRET, "
                       "KROGER_CLIENT_ID and KROGER_CLIENT_SECRET, or WIC_SANDBOX_URL for the sandbox");
  }

  std::vector<sync::JobSpec> specs;
  for (Retailer retailer : retailers) {
    sync::JobSpec spec{retailer, {}, products};
    for (const StoreId& store : stores) {
      if (store.retailer() == retailer) {
        spec.stores.push_back(store);
      }
    }
    if (!stores.empty() && spec.stores.empty()) {
      throw CommandError(kExitInvalidInput, fmt::format("none of the stores given is a {} store; drop --retailer "
                                                        "or pass {} stores",
                                                        to_string(retailer), to_string(retailer)));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

int run_jobs(sync::SyncEngine& engine, const std::vector<sync::JobSpec>& specs) {
  int failed = 0;
  for (const sync::JobSpec& spec : specs) {
    SyncProgress progress;
    auto report = engine.run(spec, [&progress](const sync::JobProgress& position) { progress.update(position); });
    progress.finish();
    if (!report) {
      throw CommandError(kExitInvalidInput, report.error().message);
    }
    print_job_summary(*report);
    failed += report->job.status == storage::JobStatus::kFailed ? 1 : 0;
  }
  return failed;
}

void run_watch(const SyncArguments& arguments, SyncRuntime& runtime) {
  sync::SchedulerOptions options;
  options.formula_freshness = std::chrono::minutes{arguments.formula_minutes};
  options.other_freshness = std::chrono::hours{arguments.other_hours};
  options.include_other_products = !arguments.watch_formula_only;
  options.lease_ttl = std::chrono::seconds{arguments.lease_ttl_seconds};
  sync::Scheduler scheduler(runtime.services.refresher, runtime.storage, runtime.clock, options);

  ratelimit::CancellationToken cancel;
  g_watch_cancel = &cancel;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  spdlog::info("sync --watch: running the scheduler until SIGINT or SIGTERM");

  scheduler.run_until(SystemTime::max(), &cancel);
  g_watch_cancel = nullptr;
  print_schedule(scheduler.status());
}

void run_sync(CommandContext& context, const SyncArguments& arguments) {
  if (arguments.watch) {
    // A long-running command logs its rounds unless --log-level says otherwise.
    if (context.log_level.empty()) {
      spdlog::set_level(spdlog::level::info);
    }
  }
  SyncRuntime runtime = open_sync_runtime(context, arguments.env_file);
  runtime.services.engine->fail_unfinished_jobs();

  if (arguments.watch) {
    run_watch(arguments, runtime);
    return;
  }
  if (arguments.rerun != 0) {
    SyncProgress progress;
    auto report = runtime.services.engine->rerun(
        arguments.rerun, [&progress](const sync::JobProgress& position) { progress.update(position); });
    progress.finish();
    if (!report) {
      throw CommandError(kExitInvalidInput, report.error().message);
    }
    print_job_summary(*report);
    if (report->job.status == storage::JobStatus::kFailed) {
      throw CommandError(kExitFailure, fmt::format("sync job {} failed: {}", report->job.id, report->job.error));
    }
    return;
  }

  const auto specs = job_specs(arguments, *runtime.services.refresher);
  const int failed = run_jobs(*runtime.services.engine, specs);
  if (failed > 0) {
    throw CommandError(kExitFailure, fmt::format("{} of {} sync jobs failed; see the summary above", failed,
                                                 specs.size()));
  }
}

void add_sync_options(CLI::App& command, SyncArguments& arguments) {
  command.add_option("--retailer", arguments.retailer, "Only this retailer: walmart or kroger");
  command.add_option("--store", arguments.stores, "Only these stores, e.g. kroger-90000001 walmart-1001");
  command.add_option("--env-file", arguments.env_file, "File of retailer credentials and settings (NAME=VALUE)")
      ->capture_default_str();
}

}  // namespace

void add_sync_commands(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<SyncArguments>();
  auto* sync = app.add_subcommand(
      "sync", "Fetch availability from the retailers: every tracked product, some UPCs, or formula");
  add_sync_options(*sync, *arguments);
  sync->add_option("--upc", arguments->upcs, "Only these UPCs or GTINs, check digit included");
  sync->add_flag("--watch", arguments->watch,
                 "Keep availability fresh until stopped, within each retailer's daily quota");
  sync->add_option("--formula-minutes", arguments->formula_minutes, "With --watch: formula freshness in minutes")
      ->capture_default_str()
      ->check(CLI::Range(1, 1440));
  sync->add_option("--other-hours", arguments->other_hours, "With --watch: freshness of other products in hours")
      ->capture_default_str()
      ->check(CLI::Range(1, 720));
  sync->add_flag("--formula-only", arguments->watch_formula_only, "With --watch: keep only formula fresh");
  sync->add_option("--lease-ttl", arguments->lease_ttl_seconds,
                   "With --watch: seconds the scheduler lease lives without renewal, so another worker takes "
                   "over at most this long (plus one minute) after the leader dies")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600));
  sync->add_option("--rerun", arguments->rerun, "Run the stores and products of this job id again");

  auto* formula = sync->add_subcommand("formula", "Fetch availability of every infant formula product");
  add_sync_options(*formula, *arguments);
  formula->callback([arguments] { arguments->formula = true; });

  sync->callback([&context, arguments] { run_sync(context, *arguments); });

  add_stats_command(app, context);
  add_cleanup_command(app, context);
  add_stores_discover_command(app, context);
}

}  // namespace wic::cli
