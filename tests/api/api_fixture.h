#pragma once

#include <boost/json.hpp>

#include "api/api.h"
#include "http/server.h"
#include "http_test_client.h"
#include "inventory/inventory_service.h"
#include "inventory_fixture.h"

namespace wic::testing {

// The API over real HTTP on 127.0.0.1, on a fresh SQLite file with three
// products and three stores. `refresher` may be left null.
class ApiTest : public InventoryTest {
 protected:
  void TearDown() override {
    stop();
    InventoryTest::TearDown();
  }

  void start(std::shared_ptr<inventory::Refresher> refresher = nullptr, api::ApiOptions options = {},
             inventory::InventoryOptions inventory_options = {}, api::SyncJobs* sync_jobs = nullptr) {
    service = std::make_unique<inventory::InventoryService>(*storage, std::move(refresher), clock, inventory_options);
    api = std::make_unique<api::Api>(*service, *storage, clock, std::move(options), sync_jobs);
    http::ServerOptions server_options;
    server_options.threads = 4;
    auto started = http::Server::start(server_options, api->handler());
    ASSERT_TRUE(started.ok()) << started.error().message;
    server = std::move(started).value();
    client = std::make_unique<HttpTestClient>("http://127.0.0.1:" + std::to_string(server->port()));
  }

  void stop() {
    client.reset();
    if (server) {
      server->stop();
    }
    server.reset();
    if (service) {
      service->shutdown();
    }
    api.reset();
    service.reset();
  }

  static boost::json::value json(const HttpResponse& response) { return boost::json::parse(response.body); }
  static std::string error_code(const HttpResponse& response) {
    return std::string(json(response).at("error").at("code").as_string());
  }
  static std::string error_message(const HttpResponse& response) {
    return std::string(json(response).at("error").at("message").as_string());
  }

  std::unique_ptr<inventory::InventoryService> service;
  std::unique_ptr<api::Api> api;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<HttpTestClient> client;
};

}  // namespace wic::testing
