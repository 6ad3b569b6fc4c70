#include "sandbox/sandbox_server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <stdexcept>

#include "http/server.h"
#include "sandbox/context.h"
#include "sandbox/router.h"

namespace wic::sandbox {

struct SandboxServer::Parts {
  std::shared_ptr<SandboxContext> context;
  std::unique_ptr<http::Server> server;
};

namespace {

std::unique_ptr<SandboxServer> unwrap(Result<std::unique_ptr<SandboxServer>> started) {
  if (!started) {
    throw std::runtime_error(started.error().message);
  }
  return std::move(started).value();
}

}  // namespace

SandboxServer::SandboxServer(SandboxConfig config) : SandboxServer(std::move(unwrap(start(std::move(config)))->parts_)) {}

SandboxServer::SandboxServer(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

SandboxServer::~SandboxServer() { stop(); }

Result<std::unique_ptr<SandboxServer>> SandboxServer::start(SandboxConfig config) {
  std::shared_ptr<const SandboxCatalog> catalog = config.catalog;
  if (!catalog) {
    auto loaded = SandboxCatalog::load(config.catalog_files);
    if (!loaded) {
      return loaded.error();
    }
    catalog = *loaded;
  }
  auto signatures = WalmartSignatureVerifier::create(config.walmart_consumers, config.signature_max_skew);
  if (!signatures) {
    return signatures.error();
  }

  auto parts = std::make_unique<Parts>();
  http::ServerOptions options = config.http;
  options.server_header = "wic-retailer-sandbox";
  parts->context = std::make_shared<SandboxContext>(std::move(config), std::move(catalog), *signatures);
  auto server = http::Server::start(options, make_sandbox_handler(parts->context));
  if (!server) {
    return server.error();
  }
  parts->server = std::move(server).value();
  spdlog::info("sandbox: serving Walmart and Kroger APIs on http://{}:{} (seed {})", parts->server->address(),
               parts->server->port(), parts->context->config.seed);
  return std::unique_ptr<SandboxServer>(new SandboxServer(std::move(parts)));
}

std::uint16_t SandboxServer::port() const { return parts_->server->port(); }

std::string SandboxServer::base_url() const {
  const std::string& address = parts_->server->address();
  const bool ipv6 = address.find(':') != std::string::npos;
  return fmt::format("http://{}{}{}:{}", ipv6 ? "[" : "", address, ipv6 ? "]" : "", port());
}

StatsSnapshot SandboxServer::stats() const { return parts_->context->stats.snapshot(); }

std::vector<QuotaUsage> SandboxServer::quota_usage() const {
  return parts_->context->quotas.usage(parts_->context->now());
}

void SandboxServer::reset_counters() {
  parts_->context->stats.reset();
  parts_->context->quotas.reset();
}

FaultSettings SandboxServer::faults() const { return parts_->context->faults.settings(); }

void SandboxServer::set_faults(FaultSettings faults) { parts_->context->faults.replace(std::move(faults)); }

void SandboxServer::clear_faults() { parts_->context->faults.replace({}); }

void SandboxServer::revoke_all_tokens() { parts_->context->tokens.revoke_all(); }

const SandboxCatalog& SandboxServer::catalog() const { return *parts_->context->catalog; }

Clock& SandboxServer::clock() const { return *parts_->context->clock; }

std::optional<std::string> SandboxServer::walmart_stock(const Gtin& gtin) const {
  const SandboxContext& context = *parts_->context;
  const SandboxProduct* product = context.catalog->find_by_gtin(gtin);
  if (product == nullptr) {
    return std::nullopt;
  }
  return std::string(walmart_stock_text(context.stock.walmart_online(*product, context.now())));
}

std::optional<std::string> SandboxServer::kroger_stock_level(const std::string& location_id, const Gtin& gtin) const {
  const SandboxContext& context = *parts_->context;
  const SandboxProduct* product = context.catalog->find_by_gtin(gtin);
  if (product == nullptr || context.catalog->find_kroger_store(location_id) == nullptr) {
    return std::nullopt;
  }
  const auto level = context.stock.kroger_shelf(location_id, *product, context.now());
  if (!level) {
    return std::nullopt;
  }
  return std::string(sandbox::kroger_stock_level(*level));
}

void SandboxServer::stop() {
  if (parts_ && parts_->server) {
    parts_->server->stop();
  }
}

}  // namespace wic::sandbox
