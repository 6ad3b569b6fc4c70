#include "sandbox_fixture.h"

namespace wic::retailers {

std::shared_ptr<const sandbox::SandboxCatalog> SandboxTest::catalog_;

void SandboxTest::SetUpTestSuite() {
  if (catalog_ == nullptr) {
    auto loaded = sandbox::SandboxCatalog::load(sandbox::CatalogFiles::in_directory(sandbox::default_data_directory()));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    catalog_ = *loaded;
  }
}

void SandboxTest::SetUp() {
  clock_ = std::make_shared<ManualClock>();
  sandbox_config_.seed = 7;
  sandbox_config_.clock = clock_;
  sandbox_config_.catalog = catalog_;

  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  database_path_ = std::filesystem::temp_directory_path() /
                   (std::string("wic-retailers-") + test->test_suite_name() + "-" + test->name() + ".sqlite");
  std::filesystem::remove(database_path_);

  // Short timeouts keep the injected timeout fault quick; back-off sleeps
  // run on the manual clock.
  variables_["WIC_HTTP_TIMEOUT_MS"] = "300";
  variables_["WIC_HTTP_CONNECT_TIMEOUT_MS"] = "1000";
  variables_["WIC_RATE_LIMIT_WAIT_MS"] = "60000";
}

void SandboxTest::TearDown() {
  connectors_ = Connectors{};
  sandbox_.reset();
  storage_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(database_path_.string() + suffix);
  }
}

void SandboxTest::start() {
  sandbox_ = std::make_unique<sandbox::SandboxServer>(sandbox_config_);

  storage_ = std::shared_ptr<storage::Storage>(storage::open_storage(database_path_.string()));
  limiters_ = std::make_unique<ratelimit::LimiterRegistry>(
      limits_, clock_, std::make_shared<ratelimit::StorageQuotaLedger>(storage_));

  std::map<std::string, std::string> variables = variables_;
  variables["WIC_SANDBOX_URL"] = sandbox_->base_url();
  auto config = load_retailers_config(Environment::from_map(variables));
  ASSERT_TRUE(config.ok()) << config.error().message;
  config_ = *config;

  auto connectors = make_connectors(config_, clock_, *limiters_, storage_);
  ASSERT_TRUE(connectors.ok()) << connectors.error().message;
  connectors_ = *connectors;
}

std::vector<Gtin> SandboxTest::products(std::size_t count) const {
  std::vector<Gtin> gtins;
  for (bool formula : {true, false}) {
    for (const auto& product : catalog_->products()) {
      if (product.infant_formula == formula && gtins.size() < count) {
        gtins.push_back(product.gtin);
      }
    }
  }
  return gtins;
}

}  // namespace wic::retailers
