// wic-inventory stores import | list | near

#include <fmt/format.h>

#include "cli/commands.h"
#include "stores/data_files.h"
#include "stores/store_file.h"
#include "stores/store_importer.h"
#include "stores/store_search.h"
#include "stores/zip_centroids.h"

namespace wic::cli {
namespace {

// Largest radius `stores near` accepts: 250 miles spans the whole of
// Michigan's lower peninsula, and a larger search is a mistake.
constexpr double kMaxRadiusMiles = 250;

constexpr std::size_t kMaxSkippedShown = 50;

std::optional<Retailer> retailer_option(const std::string& name) {
  if (name.empty()) {
    return std::nullopt;
  }
  auto retailer = parse_retailer(name);
  if (!retailer) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid retailer \"{}\": expected walmart or kroger", name));
  }
  return retailer;
}

struct ImportArguments {
  std::string file;
  std::string retailer;
};

void run_import(CommandContext& context, const ImportArguments& arguments) {
  auto file = stores::read_store_csv(arguments.file, retailer_option(arguments.retailer));
  if (!file) {
    throw CommandError(kExitInvalidInput, file.error().message);
  }

  const auto summary = stores::import_stores(context.storage(), *file);
  fmt::print("Imported {}: {} rows\n", arguments.file, summary.rows);
  fmt::print("  loaded     {} new stores\n", summary.counts.inserted);
  fmt::print("  updated    {}\n", summary.counts.updated);
  fmt::print("  unchanged  {}\n", summary.counts.unchanged);
  fmt::print("  skipped    {}\n", summary.skipped.size());
  const std::size_t shown = std::min<std::size_t>(summary.skipped.size(), kMaxSkippedShown);
  for (std::size_t i = 0; i < shown; ++i) {
    fmt::print("    line {}: {}\n", summary.skipped[i].line, summary.skipped[i].reason);
  }
  if (shown < summary.skipped.size()) {
    fmt::print("    ... {} more\n", summary.skipped.size() - shown);
  }
}

void run_list(CommandContext& context, const std::string& retailer) {
  const auto stores = context.storage().list_stores(retailer_option(retailer));
  fmt::print("{:<17}  {:<36}  {:<18}  {}\n", "store", "name", "city", "ZIP");
  for (const auto& store : stores) {
    fmt::print("{:<17}  {:<36.36}  {:<18.18}  {}\n", store.id.str(), store.name, store.city, store.zip);
  }
  fmt::print("{} stores\n", stores.size());
}

struct NearArguments {
  std::string zip;
  std::optional<double> latitude;
  std::optional<double> longitude;
  double radius = 10;
  std::string retailer;
  std::size_t limit = 20;
};

GeoPoint resolve_center(const NearArguments& arguments) {
  if (!arguments.zip.empty()) {
    if (!stores::is_valid_zip(arguments.zip)) {
      throw CommandError(kExitInvalidInput, fmt::format("invalid ZIP \"{}\": expected 5 digits", arguments.zip));
    }
    auto centroids = stores::ZipCentroids::load(stores::zip_centroids_path());
    if (!centroids) {
      throw CommandError(kExitFailure, centroids.error().message);
    }
    auto centroid = centroids->find(arguments.zip);
    if (!centroid) {
      throw CommandError(kExitInvalidInput,
                         fmt::format("unknown ZIP \"{}\": it is not in the ZIP centroid file; pass --lat and --lon",
                                     arguments.zip));
    }
    return centroid->location;
  }

  if (!arguments.latitude || !arguments.longitude) {
    throw CommandError(kExitInvalidInput, "missing location: pass --zip, or both --lat and --lon");
  }
  const GeoPoint point{*arguments.latitude, *arguments.longitude};
  if (!is_valid(point)) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid coordinates {}, {}: latitude must be within -90..90 and longitude "
                                   "within -180..180",
                                   point.latitude, point.longitude));
  }
  return point;
}

void run_near(CommandContext& context, const NearArguments& arguments) {
  if (!(arguments.radius > 0 && arguments.radius <= kMaxRadiusMiles)) {
    throw CommandError(kExitInvalidInput,
                       fmt::format("invalid radius {}: expected more than 0 and at most {} miles", arguments.radius,
                                   kMaxRadiusMiles));
  }
  const GeoPoint center = resolve_center(arguments);

  const auto all = context.storage().list_stores(retailer_option(arguments.retailer));
  const auto nearby = stores::stores_near(all, center, arguments.radius);
  const std::size_t shown = arguments.limit == 0 ? nearby.size() : std::min(nearby.size(), arguments.limit);
  fmt::print("{:>8}  {:<17}  {:<36}  {}\n", "miles", "store", "name", "address");
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& entry = nearby[i];
    fmt::print("{:>8.1f}  {:<17}  {:<36.36}  {}, {} {}\n", entry.distance_miles, entry.store.id.str(),
               entry.store.name, entry.store.address, entry.store.city, entry.store.zip);
  }
  fmt::print("{} of {} stores within {} miles\n", shown, nearby.size(), arguments.radius);
}

}  // namespace

void add_stores_commands(CLI::App& app, CommandContext& context) {
  auto* stores = app.add_subcommand("stores", "Import, list and search the stores that accept WIC");
  stores->require_subcommand(1);

  auto import_arguments = std::make_shared<ImportArguments>();
  auto* import = stores->add_subcommand("import", "Load stores from a CSV file");
  import->add_option("file", import_arguments->file,
                     "CSV with the columns name,address,city,state,zip,lat,lon and optionally store_id")
      ->required();
  import->add_option("--retailer", import_arguments->retailer,
                     "Retailer of rows without a store_id (walmart or kroger); those rows are numbered from 1001 "
                     "in file order, numbers that are this project's own, not the retailer's");
  import->callback([&context, import_arguments] { run_import(context, *import_arguments); });

  auto list_retailer = std::make_shared<std::string>();
  auto* list = stores->add_subcommand("list", "List stores");
  list->add_option("--retailer", *list_retailer, "Only this retailer's stores");
  list->callback([&context, list_retailer] { run_list(context, *list_retailer); });

  auto near_arguments = std::make_shared<NearArguments>();
  auto* near = stores->add_subcommand("near", "List stores by great-circle distance from a ZIP or a point");
  near->add_option("--zip", near_arguments->zip, "5-digit ZIP code; its centroid is the center");
  near->add_option("--lat", near_arguments->latitude, "Latitude of the center in decimal degrees");
  near->add_option("--lon", near_arguments->longitude, "Longitude of the center in decimal degrees");
  near->add_option("--radius", near_arguments->radius, "Radius in miles")->capture_default_str();
  near->add_option("--retailer", near_arguments->retailer, "Only this retailer's stores");
  near->add_option("--limit", near_arguments->limit, "Stores to print; 0 prints all")->capture_default_str();
  near->callback([&context, near_arguments] { run_near(context, *near_arguments); });
}

}  // namespace wic::cli
