// wic-inventory serve: the REST API, with background refreshes through the
// retailer connectors and sync jobs on request.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "cli/commands.h"
#include "http/server.h"
#include "inventory/inventory_service.h"
#include "inventory/report_follower.h"
#include "retailers/environment.h"
#include "stores/data_files.h"
#include "sync/scheduler.h"
#include "sync/sync_services.h"

namespace wic::cli {
namespace {

struct ServeArguments {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 4;
  std::string access_log = "-";
  std::string env_file = ".env";
  int fresh_deadline_ms = 2000;
  int formula_ttl_minutes = 15;
  int other_ttl_minutes = 30;
  double reports_per_hour = 20;
  double report_burst = 5;
  bool scheduler = true;
  double follow_interval_seconds = 1;  // 0: off
  int lease_ttl_seconds = 180;
};

// Longest --follow-interval accepted, so that a value meant in
// milliseconds is rejected instead of delaying reports for hours.
constexpr double kMaxFollowIntervalSeconds = 3600;

// Starts sync jobs on the engine for POST /api/v1/inventory/sync.
class EngineSyncJobs final : public api::SyncJobs {
 public:
  explicit EngineSyncJobs(std::shared_ptr<sync::SyncEngine> engine) : engine_(std::move(engine)) {}

  Result<std::int64_t> start(const api::SyncJobRequest& request) override {
    sync::JobSpec spec;
    spec.retailer = request.retailer;
    spec.stores = request.stores;
    if (!request.gtins.empty()) {
      spec.products = sync::ProductScope::list(request.gtins);
    } else {
      spec.products = request.formula_only ? sync::ProductScope::formula() : sync::ProductScope::all();
    }
    return engine_->start(spec);
  }

 private:
  std::shared_ptr<sync::SyncEngine> engine_;
};

std::shared_ptr<spdlog::logger> make_access_log(const std::string& destination) {
  if (destination == "off") {
    return nullptr;
  }
  std::shared_ptr<spdlog::logger> logger;
  if (destination == "-") {
    logger = spdlog::stderr_color_mt("access");
  } else {
    logger = spdlog::basic_logger_mt("access", destination);
  }
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z access %v");
  logger->set_level(spdlog::level::info);
  return logger;
}

// Blocks SIGINT and SIGTERM in this thread and every thread it starts
// later, so that wait_for_stop_signal() receives them instead.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int wait_for_stop_signal(const sigset_t& signals) {
  int signal_number = 0;
  while (sigwait(&signals, &signal_number) != 0) {
  }
  return signal_number;
}

void validate(const ServeArguments& arguments) {
  if (arguments.port < 0 || arguments.port > 65535) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid port {}: expected 0 to 65535 (0 picks a free port)", arguments.port));
  }
  if (arguments.threads < 1 || arguments.threads > 256) {
    throw CommandError(kExitInvalidInput, fmt::format("invalid thread count {}: expected 1 to 256", arguments.threads));
  }
  if (arguments.fresh_deadline_ms < 0 || arguments.fresh_deadline_ms > 30000) {
    throw CommandError(kExitInvalidInput, fmt::format("invalid fresh deadline {} ms: expected 0 to 30000",
                                                      arguments.fresh_deadline_ms));
  }
  if (arguments.formula_ttl_minutes < 1 || arguments.other_ttl_minutes < 1) {
    throw CommandError(kExitInvalidInput, "invalid time to live: expected at least 1 minute");
  }
  if (!std::isfinite(arguments.follow_interval_seconds) || arguments.follow_interval_seconds < 0 ||
      arguments.follow_interval_seconds > kMaxFollowIntervalSeconds) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid follow interval {} s: expected 0 (off) to {} seconds",
                                   arguments.follow_interval_seconds, kMaxFollowIntervalSeconds));
  }
  if (!(arguments.reports_per_hour > 0) || !(arguments.report_burst >= 1)) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid report limit {} an hour, burst {}: expected a rate above 0 and a burst "
                                   "of at least 1",
                                   arguments.reports_per_hour, arguments.report_burst));
  }
}

void run_serve(CommandContext& context, const ServeArguments& arguments) {
  validate(arguments);
  if (context.log_level.empty()) {
    spdlog::set_level(spdlog::level::info);
  }
  const sigset_t stop_signals = block_stop_signals();

  auto environment = retailers::Environment::from_process_and_file(arguments.env_file);
  if (!environment) {
    throw CommandError(kExitInvalidInput, environment.error().message);
  }
  std::shared_ptr<storage::Storage> storage = storage::open_storage(context.database);
  const auto clock = context.clock();

  // The refresher reports every write, including a sync job's; the service
  // exists only once the refresher does, so the callback finds it here.
  auto service_slot = std::make_shared<std::atomic<inventory::InventoryService*>>(nullptr);
  sync::SyncServiceOptions sync_options;
  sync_options.on_written = [service_slot](const std::vector<storage::InventoryRecord>& records) {
    if (auto* service = service_slot->load()) {
      service->on_records_written(records);
    }
  };
  auto sync_services = sync::make_sync_services(*environment, storage, clock, sync_options);
  if (!sync_services) {
    throw CommandError(kExitInvalidInput, sync_services.error().message);
  }
  sync_services->engine->fail_unfinished_jobs();

  inventory::InventoryOptions inventory_options;
  inventory_options.fresh_deadline = std::chrono::milliseconds{arguments.fresh_deadline_ms};
  inventory_options.formula_ttl = std::chrono::minutes{arguments.formula_ttl_minutes};
  inventory_options.other_ttl = std::chrono::minutes{arguments.other_ttl_minutes};
  inventory_options.report_limit.reports_per_hour = arguments.reports_per_hour;
  inventory_options.report_limit.burst = arguments.report_burst;
  // Every lookup counts as demand, so the scheduler refreshes the most
  // requested pairs first when the quota runs short.
  auto demand = std::make_shared<sync::DemandCounter>(clock);
  if (arguments.scheduler) {
    inventory_options.on_lookup = [demand](const StoreId& store, const Gtin& gtin) { demand->record(store, gtin); };
  }
  inventory::InventoryService service(*storage, sync_services->refresher, clock, inventory_options);
  service_slot->store(&service);

  // Reports that other replicas on this database take reach this one's
  // cache within one interval.
  std::optional<inventory::ReportFollower> follower;
  if (arguments.follow_interval_seconds > 0) {
    inventory::ReportFollowerOptions follower_options;
    follower_options.interval = std::chrono::duration_cast<Duration>(
        std::chrono::duration<double>(arguments.follow_interval_seconds));
    follower.emplace(*storage, service, clock, follower_options);
    follower->start();
  }

  api::ApiOptions api_options;
  api_options.sync_token = environment->get("WIC_SYNC_TOKEN").value_or("");
  api_options.access_log = make_access_log(arguments.access_log);
  // A fresh=true wait occupies one offload thread, so there are as many
  // threads as waits allowed and no wait queues behind another.
  const int offload_threads = std::max(2, arguments.threads / 2);
  api_options.max_fresh_waits = offload_threads;
  if (auto centroids = stores::ZipCentroids::load(stores::zip_centroids_path())) {
    api_options.zip_centroids = std::make_shared<const stores::ZipCentroids>(std::move(centroids).value());
  } else {
    spdlog::warn("serve: ZIP centroids not loaded, nearby searches need lat and lon: {}", centroids.error().message);
  }
  EngineSyncJobs sync_jobs(sync_services->engine);
  api::Api api(service, *storage, clock, api_options, &sync_jobs);

  http::ServerOptions server_options;
  server_options.address = arguments.host;
  server_options.port = static_cast<std::uint16_t>(arguments.port);
  server_options.threads = arguments.threads;
  server_options.offload_threads = offload_threads;
  auto server = http::Server::start(server_options, api.handler());
  if (!server) {
    throw CommandError(kExitFailure, server.error().message);
  }
  const std::string host = arguments.host.find(':') == std::string::npos ? arguments.host : "[" + arguments.host + "]";
  fmt::print("listening on http://{}:{}\n", host, (*server)->port());
  std::fflush(stdout);

  // The scheduler keeps formula fresh beside the API. It holds a storage
  // lease, so a `sync --watch` on the same database leaves the work to one
  // of them.
  std::optional<sync::Scheduler> scheduler;
  if (arguments.scheduler) {
    sync::SchedulerOptions scheduler_options;
    scheduler_options.lease_ttl = std::chrono::seconds{arguments.lease_ttl_seconds};
    scheduler.emplace(sync_services->refresher, storage, clock, scheduler_options, demand);
    scheduler->start();
  }

  const int signal_number = wait_for_stop_signal(stop_signals);
  spdlog::info("serve: received {}, finishing requests in flight", signal_number == SIGTERM ? "SIGTERM" : "SIGINT");

  (*server)->stop();
  if (follower) {
    follower->stop();
  }
  if (scheduler) {
    scheduler->stop();
  }
  sync_services->engine->stop();
  service.shutdown();
  service_slot->store(nullptr);
  if (api_options.access_log) {
    api_options.access_log->flush();
  }
  spdlog::info("serve: stopped");
  spdlog::default_logger()->flush();
}

}  // namespace

void add_serve_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<ServeArguments>();
  auto* serve = app.add_subcommand("serve", "Serve the REST API until SIGTERM or SIGINT");
  serve->add_option("--host", arguments->host, "IP address to listen on")->capture_default_str();
  serve->add_option("--port", arguments->port, "TCP port; 0 picks a free one and prints it")->capture_default_str();
  serve->add_option("--threads", arguments->threads, "Event loops, one thread each, that serve connections")->capture_default_str();
  serve->add_flag("!--no-scheduler", arguments->scheduler,
                  "Do not refresh availability in the background (run `sync --watch` elsewhere instead)");
  serve->add_option("--lease-ttl", arguments->lease_ttl_seconds,
                    "Seconds the scheduler lease lives without renewal, so another worker takes over at most "
                    "this long (plus one minute) after the leader dies")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600));
  serve->add_option("--follow-interval", arguments->follow_interval_seconds,
                    "Seconds between reads of the shopper reports that other processes on the database took, "
                    "so this replica serves them; 0 turns it off (one process alone on its database)")
      ->capture_default_str();
  serve->add_option("--access-log", arguments->access_log,
                    "Access log destination: a file path, - for standard error, or off")
      ->capture_default_str();
  serve->add_option("--env-file", arguments->env_file,
                    "File of NAME=VALUE lines under the environment (retailer credentials, WIC_SYNC_TOKEN); "
                    "optional")
      ->capture_default_str();
  serve->add_option("--fresh-deadline-ms", arguments->fresh_deadline_ms,
                    "Longest wait of a fresh=true request for its refresh, in milliseconds")
      ->capture_default_str();
  serve->add_option("--formula-ttl", arguments->formula_ttl_minutes, "Time to live of formula data, in minutes")
      ->capture_default_str();
  serve->add_option("--other-ttl", arguments->other_ttl_minutes, "Time to live of other products' data, in minutes")
      ->capture_default_str();
  serve->add_option("--reports-per-hour", arguments->reports_per_hour,
                    "Shopper reports each client (IP address) may send an hour")
      ->capture_default_str();
  serve->add_option("--report-burst", arguments->report_burst, "Shopper reports a client may send at once")
      ->capture_default_str();
  serve->callback([&context, arguments] { run_serve(context, *arguments); });
}

}  // namespace wic::cli
