#pragma once

// Runs the real connectors against an in-process retailer sandbox over HTTP
// on 127.0.0.1, with a real SQLite file for storage. Sandbox and client
// share one ManualClock, so token expiry, quotas and back-off sleeps run in
// simulated time.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "ratelimit/limiter_registry.h"
#include "ratelimit/storage_quota_ledger.h"
#include "retailers/connectors.h"
#include "retailers/environment.h"
#include "retailers/retailers_config.h"
#include "sandbox/sandbox_server.h"
#include "storage/storage.h"

namespace wic::retailers {

class SandboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();

  void SetUp() override;
  void TearDown() override;

  // Starts the sandbox and builds the connectors. Call from each test after
  // adjusting sandbox_config_, limits_ and variables_.
  void start();

  RetailerConnector& walmart() { return *connectors_.by_retailer.at(Retailer::kWalmart); }
  RetailerConnector& kroger() { return *connectors_.by_retailer.at(Retailer::kKroger); }

  // Infant formula GTINs first, then other products, `count` in all.
  std::vector<Gtin> products(std::size_t count) const;
  sandbox::StatsSnapshot stats() const { return sandbox_->stats(); }

  static std::shared_ptr<const sandbox::SandboxCatalog> catalog_;

  std::shared_ptr<ManualClock> clock_;
  sandbox::SandboxConfig sandbox_config_;
  ratelimit::LimitsConfig limits_ = ratelimit::default_limits();
  std::map<std::string, std::string> variables_;  // on top of WIC_SANDBOX_URL

  std::unique_ptr<sandbox::SandboxServer> sandbox_;
  std::filesystem::path database_path_;
  std::shared_ptr<storage::Storage> storage_;
  std::unique_ptr<ratelimit::LimiterRegistry> limiters_;
  RetailersConfig config_;
  Connectors connectors_;
};

}  // namespace wic::retailers
