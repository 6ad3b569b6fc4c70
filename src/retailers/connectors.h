#pragma once

#include <map>
#include <memory>

#include "core/clock.h"
#include "core/result.h"
#include "ratelimit/limiter_registry.h"
#include "retailers/connector.h"
#include "retailers/http_client.h"
#include "retailers/retailers_config.h"
#include "retailers/token_source.h"
#include "storage/storage.h"

namespace wic::retailers {

// The connectors of every configured retailer, with the HTTP client and
// token sources they share.
struct Connectors {
  std::map<Retailer, std::shared_ptr<RetailerConnector>> by_retailer;  // only retailers with credentials
  std::shared_ptr<HttpClient> http;
  std::shared_ptr<TokenSourceCache> tokens;
  bool simulated = false;  // the data comes from the retailer sandbox
};

// Builds a connector for each retailer that has credentials, and logs which
// ones are missing and whether the data is simulated. The error names what
// is wrong, e.g. an unreadable Walmart private key.
Result<Connectors> make_connectors(const RetailersConfig& config, std::shared_ptr<Clock> clock,
                                   const ratelimit::LimiterRegistry& limiters,
                                   std::shared_ptr<storage::Storage> storage);

}  // namespace wic::retailers
