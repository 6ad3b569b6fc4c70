// Formula sync over every sandbox store: retailer calls per fresh
// store-product pair (naive, lower bound, ours) and pairs refreshed per
// second of wall time. The sandbox runs in-process over HTTP on 127.0.0.1
// and the records go to a SQLite file, or to PostgreSQL when
// WIC_BENCH_POSTGRES_URL names a database: the benchmark then works in a
// schema of its own, wic_sync_bench, which it drops and creates again.
// Limiter waits use a ManualClock, so the figure measures the client, HTTP
// and the database, not the retailer's pace.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "retailers/environment.h"
#include "sandbox/catalog.h"
#include "sandbox/sandbox_server.h"
#include "storage/postgres_connection.h"
#include "storage/storage.h"
#include "sync/sync_services.h"

namespace {

using namespace wic;

std::shared_ptr<const sandbox::SandboxCatalog> catalog() {
  static const auto loaded =
      sandbox::SandboxCatalog::load(sandbox::CatalogFiles::in_directory(sandbox::default_data_directory()));
  if (!loaded) {
    throw std::runtime_error(loaded.error().message);
  }
  return *loaded;
}

constexpr std::string_view kPostgresSchema = "wic_sync_bench";

// Location of an empty database for `backend`: a SQLite file in
// `directory`, or the schema kPostgresSchema, emptied, of the database that
// WIC_BENCH_POSTGRES_URL names. Throws when that variable is not set.
std::string empty_database(const std::string& backend, const std::filesystem::path& directory) {
  if (backend == "sqlite") {
    return (directory / "bench.db").string();
  }

  const char* url = std::getenv("WIC_BENCH_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error("WIC_BENCH_POSTGRES_URL is not set; set it to a postgresql:// URL to measure PostgreSQL");
  }
  storage::PgConnection connection(url);
  connection.exec(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", kPostgresSchema));
  // libpq passes `options` to the server: every connection of the pool
  // then creates and reads its tables in the benchmark's schema.
  const std::string separator = std::string_view(url).find('?') == std::string_view::npos ? "?" : "&";
  return fmt::format("{}{}options=-c%20search_path%3D{}", url, separator, kPostgresSchema);
}

// A sandbox without quotas in the way, a fresh database with every formula
// product and every sandbox store, and sync services pointed at both.
struct Bench {
  std::filesystem::path directory;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::unique_ptr<sandbox::SandboxServer> server;
  std::shared_ptr<storage::Storage> storage;
  std::optional<sync::SyncServices> services;

  explicit Bench(const std::string& backend) {
    directory = std::filesystem::temp_directory_path() / ("wic-sync-bench-" + std::to_string(::getpid()));
    const std::string location = empty_database(backend, directory);
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);

    sandbox::SandboxConfig config;
    config.clock = clock;
    config.catalog = catalog();
    config.quotas.walmart_daily = 1'000'000;
    config.quotas.kroger_products_daily = 1'000'000;
    config.quotas.burst_per_second = 0;
    server = std::make_unique<sandbox::SandboxServer>(config);

    storage = storage::open_storage(location);
    import();

    auto built = sync::make_sync_services(
        retailers::Environment::from_map({{"WIC_SANDBOX_URL", server->base_url()},
                                          {"WIC_RATE_LIMIT_WALMART_AFFILIATE", "rate=1000 burst=8 day=1000000"},
                                          {"WIC_RATE_LIMIT_KROGER_PRODUCTS", "rate=1000 burst=8 day=1000000"}}),
        storage, clock);
    if (!built) {
      throw std::runtime_error(built.error().message);
    }
    services = std::move(built).value();
  }

  ~Bench() {
    services.reset();
    server.reset();
    storage.reset();
    std::filesystem::remove_all(directory);
  }

  void import() {
    std::vector<storage::Product> products;
    for (const sandbox::SandboxProduct& item : catalog()->products()) {
      if (item.infant_formula) {
        products.push_back(storage::Product{item.gtin, item.brand, item.description, item.category,
                                            item.subcategory, item.size, "", {"MI"}, true});
      }
    }
    storage->upsert_products(products);

    std::vector<storage::Store> stores;
    for (const auto& store : catalog()->walmart_stores()) {
      stores.push_back(storage::Store{*StoreId::make(Retailer::kWalmart, std::to_string(store.number)), store.name,
                                      store.address, store.city, store.state, store.zip, store.location});
    }
    for (const auto& store : catalog()->kroger_stores()) {
      stores.push_back(storage::Store{*StoreId::make(Retailer::kKroger, store.location_id), store.name, store.address,
                                      store.city, store.state, store.zip, store.location});
    }
    storage->upsert_stores(stores);
  }
};

void run_formula_sync(benchmark::State& state, Retailer retailer, const std::string& backend) {
  std::optional<Bench> prepared;
  try {
    prepared.emplace(backend);
  } catch (const std::exception& error) {
    state.SkipWithError(error.what());
    return;
  }
  Bench& bench = *prepared;
  sync::SyncEngine& engine = *bench.services->engine;
  // Walmart's first pass looks every UPC up once; the benchmark measures
  // the passes after it, as the service runs all day.
  if (retailer == Retailer::kWalmart) {
    engine.run(sync::JobSpec{retailer, {}, sync::ProductScope::formula()});
  }

  std::int64_t pairs = 0;
  std::int64_t calls = 0;
  std::int64_t naive = 0;
  std::int64_t lower_bound = 0;
  for (auto _ : state) {
    auto report = engine.run(sync::JobSpec{retailer, {}, sync::ProductScope::formula()});
    if (!report || report->job.status != storage::JobStatus::kCompleted) {
      state.SkipWithError("formula sync failed");
      return;
    }
    pairs += report->job.succeeded;
    calls += report->job.requests;
    naive += report->calls.naive;
    lower_bound += report->calls.lower_bound;
  }

  const double fresh = static_cast<double>(pairs);
  state.counters["pairs"] = benchmark::Counter(fresh / static_cast<double>(state.iterations()));
  state.counters["pairs_per_s"] = benchmark::Counter(fresh, benchmark::Counter::kIsRate);
  state.counters["calls_per_pair_naive"] = static_cast<double>(naive) / fresh;
  state.counters["calls_per_pair_lower_bound"] = static_cast<double>(lower_bound) / fresh;
  state.counters["calls_per_pair_ours"] = static_cast<double>(calls) / fresh;
}

void BM_WalmartFormulaSync(benchmark::State& state, const std::string& backend) {
  run_formula_sync(state, Retailer::kWalmart, backend);
}
void BM_KrogerFormulaSync(benchmark::State& state, const std::string& backend) {
  run_formula_sync(state, Retailer::kKroger, backend);
}

BENCHMARK_CAPTURE(BM_WalmartFormulaSync, sqlite, std::string("sqlite"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2);
BENCHMARK_CAPTURE(BM_KrogerFormulaSync, sqlite, std::string("sqlite"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2);
BENCHMARK_CAPTURE(BM_WalmartFormulaSync, postgresql, std::string("postgresql"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2);
BENCHMARK_CAPTURE(BM_KrogerFormulaSync, postgresql, std::string("postgresql"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2);

}  // namespace
