#pragma once

#include <memory>

#include "core/clock.h"
#include "core/result.h"
#include "ratelimit/limiter_registry.h"
#include "retailers/connectors.h"
#include "retailers/environment.h"
#include "storage/storage.h"
#include "sync/connector_refresher.h"
#include "sync/sync_engine.h"

namespace wic::sync {

struct SyncServiceOptions {
  JobOptions jobs;
  RefresherOptions refresher;
  RecordsWritten on_written;  // may be empty
};

// Everything that talks to the retailers, built once per process and
// shared: the rate limiters (their spent quota kept in storage), the
// connectors, the refresher and the sync engine.
struct SyncServices {
  std::shared_ptr<ratelimit::LimiterRegistry> limiters;
  retailers::Connectors connectors;
  std::shared_ptr<ConnectorRefresher> refresher;
  std::shared_ptr<SyncEngine> engine;
};

// Builds them from the environment: retailer credentials and URLs
// (WIC_SANDBOX_URL points every retailer at the sandbox) and
// WIC_RATE_LIMIT_* overrides. The error names the variable that is wrong.
Result<SyncServices> make_sync_services(const retailers::Environment& environment,
                                        std::shared_ptr<storage::Storage> storage, std::shared_ptr<Clock> clock,
                                        SyncServiceOptions options = {});

}  // namespace wic::sync
