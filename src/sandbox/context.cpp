#include "sandbox/context.h"

#include "sandbox/scaled_clock.h"

namespace wic::sandbox {
namespace {

std::shared_ptr<Clock> clock_or_default(const std::shared_ptr<Clock>& clock) {
  if (clock) {
    return clock;
  }
  return std::make_shared<ScaledClock>(1.0);
}

}  // namespace

SandboxContext::SandboxContext(SandboxConfig sandbox_config, std::shared_ptr<const SandboxCatalog> loaded_catalog,
                               std::shared_ptr<const WalmartSignatureVerifier> verifier)
    : config(std::move(sandbox_config)),
      clock(clock_or_default(config.clock)),
      catalog(std::move(loaded_catalog)),
      signatures(std::move(verifier)),
      stock(config.seed, config.stock),
      tokens(config.seed),
      quotas(config.quotas),
      faults(config.seed, config.faults) {}

}  // namespace wic::sandbox
