#include "sandbox_fixture.h"

#include <sqlite3.h>

namespace wic::sync::testing {

std::shared_ptr<const sandbox::SandboxCatalog> shared_catalog() {
  static const std::shared_ptr<const sandbox::SandboxCatalog> catalog = [] {
    auto loaded = sandbox::SandboxCatalog::load(
        sandbox::CatalogFiles::in_directory(sandbox::default_data_directory()));
    if (!loaded) {
      throw std::runtime_error(loaded.error().message);
    }
    return *loaded;
  }();
  return catalog;
}

void SandboxTest::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  directory_ = std::filesystem::temp_directory_path() /
               ("wic-sync-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                std::to_string(::getpid()));
  std::filesystem::remove_all(directory_);
  std::filesystem::create_directories(directory_);
  storage = storage::open_storage((directory_ / "wic-inventory.db").string());
}

void SandboxTest::TearDown() {
  if (services_ && services_->engine) {
    services_->engine->stop();
  }
  services_.reset();
  sandbox.reset();
  storage.reset();
  std::filesystem::remove_all(directory_);
}

void SandboxTest::start_sandbox(sandbox::SandboxConfig config) {
  config.clock = clock;
  config.catalog = shared_catalog();
  sandbox = std::make_unique<sandbox::SandboxServer>(std::move(config));
}

SyncServices& SandboxTest::services(std::map<std::string, std::string> variables, SyncServiceOptions options) {
  variables.emplace("WIC_SANDBOX_URL", sandbox->base_url());
  auto built = make_sync_services(retailers::Environment::from_map(std::move(variables)), storage, clock,
                                  std::move(options));
  if (!built) {
    throw std::runtime_error(built.error().message);
  }
  services_ = std::move(built).value();
  return *services_;
}

void SandboxTest::import_formula(std::size_t limit) {
  std::vector<storage::Product> products;
  for (const sandbox::SandboxProduct& item : shared_catalog()->products()) {
    if (!item.infant_formula) {
      continue;
    }
    products.push_back(storage::Product{item.gtin, item.brand, item.description, item.category, item.subcategory,
                                        item.size, "", {"MI"}, true});
    formula.push_back(item.gtin);
    if (limit != 0 && products.size() == limit) {
      break;
    }
  }
  storage->upsert_products(products);
}

void SandboxTest::import_stores(std::size_t walmart_limit, std::size_t kroger_limit) {
  std::vector<storage::Store> stores;
  for (const sandbox::WalmartStore& item : shared_catalog()->walmart_stores()) {
    if (walmart_limit != 0 && stores.size() == walmart_limit) {
      break;
    }
    auto id = StoreId::make(Retailer::kWalmart, std::to_string(item.number));
    stores.push_back(storage::Store{*id, item.name, item.address, item.city, item.state, item.zip, item.location});
  }
  std::size_t kroger = 0;
  for (const sandbox::KrogerStore& item : shared_catalog()->kroger_stores()) {
    if (kroger_limit != 0 && kroger == kroger_limit) {
      break;
    }
    auto id = StoreId::make(Retailer::kKroger, item.location_id);
    stores.push_back(storage::Store{*id, item.name, item.address, item.city, item.state, item.zip, item.location});
    ++kroger;
  }
  storage->upsert_stores(stores);
}

std::vector<StoreId> SandboxTest::stores_of(Retailer retailer) {
  std::vector<StoreId> ids;
  for (const storage::Store& store : storage->list_stores(retailer)) {
    ids.push_back(store.id);
  }
  return ids;
}

std::int64_t SandboxTest::inventory_rows() {
  sqlite3* db = nullptr;
  std::int64_t rows = -1;
  if (sqlite3_open_v2((directory_ / "wic-inventory.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM inventory", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      rows = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return rows;
}

}  // namespace wic::sync::testing
