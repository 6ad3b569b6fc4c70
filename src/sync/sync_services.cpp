#include "sync/sync_services.h"

#include "ratelimit/storage_quota_ledger.h"

namespace wic::sync {

Result<SyncServices> make_sync_services(const retailers::Environment& environment,
                                        std::shared_ptr<storage::Storage> storage, std::shared_ptr<Clock> clock,
                                        SyncServiceOptions options) {
  Result<retailers::RetailersConfig> config = retailers::load_retailers_config(environment);
  if (!config) {
    return config.error();
  }
  Result<ratelimit::LimitsConfig> limits =
      ratelimit::limits_from_environment([&environment](const std::string& name) { return environment.get(name); });
  if (!limits) {
    return limits.error();
  }

  SyncServices services;
  services.limiters = std::make_shared<ratelimit::LimiterRegistry>(
      *limits, clock, std::make_shared<ratelimit::StorageQuotaLedger>(storage));

  Result<retailers::Connectors> connectors = retailers::make_connectors(*config, clock, *services.limiters, storage);
  if (!connectors) {
    return connectors.error();
  }
  services.connectors = *connectors;

  ConnectorRefresher::Dependencies dependencies{services.connectors.by_retailer, storage, services.limiters, clock,
                                                services.connectors.simulated};
  services.refresher =
      std::make_shared<ConnectorRefresher>(std::move(dependencies), options.refresher, std::move(options.on_written));
  services.engine = std::make_shared<SyncEngine>(services.refresher, storage, clock, options.jobs);
  return services;
}

}  // namespace wic::sync
