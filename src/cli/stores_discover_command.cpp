// wic-inventory stores discover: adds stores from a retailer's locator.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/sync_options.h"
#include "stores/zip_centroids.h"

namespace wic::cli {
namespace {

// Kroger's locator accepts 1 to 100 miles and 1 to 200 results.
constexpr double kMaxRadiusMiles = 100;
constexpr int kMaxResults = 200;

struct DiscoverArguments {
  std::string retailer;
  std::string zip;
  double radius = 10;
  int limit = 50;
  std::string env_file = ".env";
};

void run_discover(CommandContext& context, const DiscoverArguments& arguments) {
  const std::optional<Retailer> retailer = parse_retailer_option(arguments.retailer);
  if (!retailer) {
    throw CommandError(kExitInvalidInput, "missing --retailer: expected walmart or kroger");
  }
  if (!stores::is_valid_zip(arguments.zip)) {
    throw CommandError(kExitInvalidInput, fmt::format("invalid ZIP \"{}\": expected 5 digits", arguments.zip));
  }
  if (!(arguments.radius >= 1 && arguments.radius <= kMaxRadiusMiles)) {
    throw CommandError(kExitInvalidInput, fmt::format("invalid radius {}: expected 1 to {} miles", arguments.radius,
                                                      kMaxRadiusMiles));
  }
  if (arguments.limit < 1 || arguments.limit > kMaxResults) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid limit {}: expected 1 to {} stores", arguments.limit, kMaxResults));
  }

  SyncRuntime runtime = open_sync_runtime(context, arguments.env_file);
  auto connector = runtime.services.refresher->connector(*retailer);
  if (connector == nullptr) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("{} is not configured: set its credentials, or WIC_SANDBOX_URL for the sandbox",
                                   to_string(*retailer)));
  }

  retailers::StoreQuery query;
  query.zip = arguments.zip;
  query.radius_miles = arguments.radius;
  query.limit = arguments.limit;
  auto found = connector->discover_stores(query);
  if (!found) {
    spdlog::error("stores discover: {} locator failed for zip={}: {}", to_string(*retailer), arguments.zip,
                  found.error().message);
    throw CommandError(kExitFailure, found.error().message);
  }

  const storage::UpsertCounts counts = runtime.storage->upsert_stores(*found);
  fmt::print("{:<17}  {:<36}  {:<18}  {}\n", "store", "name", "city", "ZIP");
  for (const storage::Store& store : *found) {
    fmt::print("{:<17}  {:<36.36}  {:<18.18}  {}\n", store.id.str(), store.name, store.city, store.zip);
  }
  fmt::print("Found {} {} stores within {} miles of {}: {} new, {} updated, {} unchanged\n", found->size(),
             to_string(*retailer), arguments.radius, arguments.zip, counts.inserted, counts.updated,
             counts.unchanged);
}

}  // namespace

void add_stores_discover_command(CLI::App& app, CommandContext& context) {
  // Joins the `stores` group, which add_stores_commands created.
  CLI::App* stores = app.get_subcommand("stores");
  auto arguments = std::make_shared<DiscoverArguments>();
  auto* discover = stores->add_subcommand("discover", "Add stores from a retailer's store locator");
  discover->add_option("--retailer", arguments->retailer, "Retailer whose locator to ask: walmart or kroger")
      ->required();
  discover->add_option("--zip", arguments->zip, "5-digit ZIP code to search around")->required();
  discover->add_option("--radius", arguments->radius, "Radius in miles, 1 to 100")->capture_default_str();
  discover->add_option("--limit", arguments->limit, "Most stores to add, 1 to 200")->capture_default_str();
  discover->add_option("--env-file", arguments->env_file, "File of retailer credentials and settings (NAME=VALUE)")
      ->capture_default_str();
  discover->callback([&context, arguments] { run_discover(context, *arguments); });
}

}  // namespace wic::cli
