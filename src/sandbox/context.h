#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "http/request.h"
#include "http/target.h"
#include "sandbox/catalog.h"
#include "sandbox/config.h"
#include "sandbox/faults.h"
#include "sandbox/quotas.h"
#include "sandbox/stats.h"
#include "sandbox/stock_model.h"
#include "sandbox/tokens.h"
#include "sandbox/walmart_signature.h"

namespace wic::sandbox {

// Everything the handlers share. Each member is thread-safe.
struct SandboxContext {
  SandboxContext(SandboxConfig config, std::shared_ptr<const SandboxCatalog> catalog,
                 std::shared_ptr<const WalmartSignatureVerifier> signatures);

  SystemTime now() const { return clock->system_now(); }

  const SandboxConfig config;
  const std::shared_ptr<Clock> clock;
  const std::shared_ptr<const SandboxCatalog> catalog;
  const std::shared_ptr<const WalmartSignatureVerifier> signatures;
  const StockModel stock;
  TokenStore tokens;
  QuotaLedger quotas;
  FaultInjector faults;
  SandboxStats stats;
};

// One call to a retailer endpoint as it passes through the sandbox.
struct Call {
  const http::Request& request;
  const http::Target& target;
  std::string endpoint;  // "walmart.items", ...
  FaultDraw fault;
  std::string client_id;  // as far as known; stats count the call under it
};

}  // namespace wic::sandbox
