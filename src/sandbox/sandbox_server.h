#pragma once

// In-process retailer sandbox over real HTTP on 127.0.0.1, for tests of
// retailer clients. Usage:
//
//   auto clock = std::make_shared<wic::ManualClock>();
//   wic::sandbox::SandboxConfig config;
//   config.seed = 7;
//   config.clock = clock;                 // walk a simulated day with clock->advance()
//   config.quotas.walmart_daily = 10;     // small quotas make exhaustion fast
//   wic::sandbox::SandboxServer sandbox(config);  // listens on a free port
//
//   // Point the client under test at sandbox.base_url() ("http://127.0.0.1:<port>"):
//   //   Walmart  POST /v3/token, GET /api-proxy/service/affil/product/v2/items?upc=...
//   //   Kroger   POST /v1/connect/oauth2/token, GET /v1/products?filter.productId=...
//   // with client id "sandbox-client" and secret "sandbox-secret".
//
//   sandbox.set_faults({{"walmart.items", {.error_503 = 0.5}}});
//   clock->advance(std::chrono::hours(1));
//   EXPECT_EQ(sandbox.stats().calls_to("walmart.items", "sandbox-client"), 3);
//   EXPECT_EQ(sandbox.walmart_stock(gtin), "Limited Supply");  // what a call would return now
//
// Loading the catalog from data/ takes a moment; tests that start many
// sandboxes load it once with SandboxCatalog::load and pass it as
// config.catalog.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/gtin.h"
#include "core/result.h"
#include "sandbox/config.h"
#include "sandbox/stats.h"

namespace wic::sandbox {

struct SandboxContext;

class SandboxServer {
 public:
  // Loads the catalog, listens and serves. Throws std::runtime_error with
  // the reason (missing data file, invalid public key, port taken).
  explicit SandboxServer(SandboxConfig config = {});
  // The same without exceptions.
  static Result<std::unique_ptr<SandboxServer>> start(SandboxConfig config);

  ~SandboxServer();  // stops
  SandboxServer(const SandboxServer&) = delete;
  SandboxServer& operator=(const SandboxServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>", no trailing slash

  // Counters and quota, as GET /_sandbox/stats returns them.
  StatsSnapshot stats() const;
  std::vector<QuotaUsage> quota_usage() const;
  // Zeroes the counters and the spent quotas.
  void reset_counters();

  FaultSettings faults() const;
  void set_faults(FaultSettings faults);  // replaces every scope
  void clear_faults();
  // Revokes every token issued so far; the next call with one gets a 401.
  void revoke_all_tokens();

  const SandboxCatalog& catalog() const;
  Clock& clock() const;
  // Stock a call would report now: Walmart's `stock` text, Kroger's
  // stockLevel (nothing when the store does not carry the product or the
  // product or store is unknown).
  std::optional<std::string> walmart_stock(const Gtin& gtin) const;
  std::optional<std::string> kroger_stock_level(const std::string& location_id, const Gtin& gtin) const;

  // Stops listening after the requests in flight; the destructor calls it.
  void stop();

 private:
  struct Parts;
  explicit SandboxServer(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace wic::sandbox
