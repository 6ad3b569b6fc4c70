#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "retailers/environment.h"
#include "sandbox/catalog.h"
#include "sandbox/config.h"
#include "sandbox/sandbox_server.h"
#include "storage/storage.h"
#include "sync/sync_services.h"

namespace wic::sync::testing {

// The sandbox's catalog of the repository's real data, loaded once for all
// tests of the process.
std::shared_ptr<const sandbox::SandboxCatalog> shared_catalog();

// A retailer sandbox on 127.0.0.1 and a fresh SQLite file, with the
// sandbox's formula products and stores imported, on one manual clock.
class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the sandbox with `config` (its clock and catalog are set here).
  void start_sandbox(sandbox::SandboxConfig config = {});
  // Builds the sync services against the sandbox; `variables` add to or
  // override the environment.
  SyncServices& services(std::map<std::string, std::string> variables = {}, SyncServiceOptions options = {});

  // Imports every formula product, or `limit` of them, and all stores.
  void import_formula(std::size_t limit = 0);
  void import_stores(std::size_t walmart_limit = 0, std::size_t kroger_limit = 0);

  std::vector<StoreId> stores_of(Retailer retailer);
  std::int64_t inventory_rows();

  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
  std::shared_ptr<storage::Storage> storage;
  std::unique_ptr<sandbox::SandboxServer> sandbox;
  std::vector<Gtin> formula;  // imported formula GTINs

 private:
  std::filesystem::path directory_;
  std::optional<SyncServices> services_;
};

}  // namespace wic::sync::testing
