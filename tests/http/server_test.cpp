#include "http/server.h"

#include <future>
#include <gtest/gtest.h>
#include <thread>

#include "http_test_client.h"

namespace wic::http {
namespace {

using testing::HttpTestClient;

std::string base_url(const Server& server) { return "http://127.0.0.1:" + std::to_string(server.port()); }

std::unique_ptr<Server> start_server(Handler handler, ServerOptions options = {}) {
  auto started = Server::start(std::move(options), std::move(handler));
  if (!started) {
    ADD_FAILURE() << started.error().message;
    return nullptr;
  }
  return std::move(started).value();
}

TEST(HttpServer, PortZeroPicksFreePort) {
  auto server = start_server([](const Request&) { return Reply::text(200, "ok"); });
  ASSERT_NE(server, nullptr);
  EXPECT_NE(server->port(), 0);
  EXPECT_EQ(server->address(), "127.0.0.1");
}

TEST(HttpServer, HandlerSeesRequest) {
  std::promise<Request> seen;
  auto server = start_server([&](const Request& request) {
    seen.set_value(request);
    return Reply::json(201, R"({"ok":true})").with_header("X-Echo", "yes");
  });
  HttpTestClient client(base_url(*server));

  const auto response = client.post("/things?a=1", "payload", {{"X-Custom", "value"}});
  const Request request = seen.get_future().get();

  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.header("x-echo"), "yes");
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/things?a=1");
  EXPECT_EQ(request.body, "payload");
  EXPECT_EQ(request.header("x-custom"), "value");
  EXPECT_EQ(request.client_address.rfind("127.0.0.1:", 0), 0U) << request.client_address;
}

TEST(HttpServer, KeepAliveReusesConnection) {
  auto server = start_server([](const Request&) { return Reply::text(200, "ok"); });
  HttpTestClient client(base_url(*server));

  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(client.get("/").status, 200);
  }

  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpServer, CloseConnectionEndsKeepAlive) {
  auto server = start_server([](const Request&) {
    Reply reply = Reply::text(200, "ok");
    reply.close_connection = true;
    return reply;
  });
  HttpTestClient client(base_url(*server));

  ASSERT_EQ(client.get("/").status, 200);
  ASSERT_EQ(client.get("/").status, 200);

  EXPECT_EQ(client.connections_opened(), 2);
}

TEST(HttpServer, BodySentAsGiven) {
  const std::string truncated = R"({"items":[{"itemId":12)";
  auto server = start_server([&](const Request&) { return Reply::json(200, truncated); });
  HttpTestClient client(base_url(*server));

  const auto response = client.get("/");

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, truncated);
  EXPECT_EQ(response.header("content-length"), std::to_string(truncated.size()));
}

TEST(HttpServer, ResetSendsNoResponse) {
  auto server = start_server([](const Request&) { return Reply::reset(); });
  HttpTestClient client(base_url(*server));

  const auto response = client.get("/");

  EXPECT_EQ(response.status, 0);
  EXPECT_TRUE(response.no_response) << response.transport_error;
}

TEST(HttpServer, DelayedReplyArrives) {
  auto server = start_server([](const Request&) {
    Reply reply = Reply::text(200, "late");
    reply.delay = std::chrono::milliseconds(20);
    return reply;
  });
  HttpTestClient client(base_url(*server));

  const auto response = client.get("/");

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "late");
}

// With one thread, a reply waiting on its delay must not hold up another
// connection, and stop() then drops the waiting reset at once.
TEST(HttpServer, DelayDoesNotBlockOtherConnections) {
  ServerOptions options;
  options.threads = 1;
  std::promise<void> hang_received;
  auto server = start_server(
      [&](const Request& request) {
        if (request.target == "/hang") {
          hang_received.set_value();
          return Reply::reset(std::chrono::hours(1));
        }
        return Reply::text(200, "fast");
      },
      options);
  auto hung = std::async(std::launch::async, [&] {
    HttpTestClient client(base_url(*server));
    return client.get("/hang");
  });
  hang_received.get_future().wait();

  HttpTestClient client(base_url(*server));
  const auto fast = client.get("/fast");
  server->stop();
  const auto dropped = hung.get();

  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(fast.body, "fast");
  EXPECT_EQ(dropped.status, 0);
  EXPECT_TRUE(dropped.no_response) << dropped.transport_error;
}

// With one event loop, offloaded work that blocks must not hold up another
// connection, and its reply reaches its own client when the work ends.
TEST(HttpServer, OffloadedReplyDoesNotBlockOtherConnections) {
  ServerOptions options;
  options.threads = 1;
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  auto server = start_server(
      [&](const Request& request) {
        if (request.target == "/wait") {
          return Reply::offload([&entered, released] {
            entered.set_value();
            released.wait();
            return Reply::text(200, "waited");
          });
        }
        return Reply::text(200, "fast");
      },
      options);
  auto waiting = std::async(std::launch::async, [&] {
    HttpTestClient client(base_url(*server));
    return client.get("/wait");
  });
  entered.get_future().wait();

  HttpTestClient client(base_url(*server));
  const auto fast = client.get("/fast");
  release.set_value();
  const auto waited = waiting.get();

  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(fast.body, "fast");
  EXPECT_EQ(waited.status, 200);
  EXPECT_EQ(waited.body, "waited");
}

TEST(HttpServer, OffloadedExceptionIs500) {
  auto server = start_server([](const Request&) {
    return Reply::offload([]() -> Reply { throw std::runtime_error("boom"); });
  });
  HttpTestClient client(base_url(*server));

  const auto response = client.get("/");

  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("internal_error"), std::string::npos);
}

TEST(HttpServer, StopFinishesRequestInFlight) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  auto server = start_server([&](const Request&) {
    entered.set_value();
    released.wait();
    return Reply::text(200, "finished");
  });
  const std::string url = base_url(*server);
  auto in_flight = std::async(std::launch::async, [&] {
    HttpTestClient client(url);
    return client.get("/");
  });
  entered.get_future().wait();

  auto stopping = std::async(std::launch::async, [&] { server->stop(); });
  release.set_value();
  stopping.get();
  const auto response = in_flight.get();
  HttpTestClient late(url);
  late.set_timeout(std::chrono::milliseconds(2000));
  const auto refused = late.get("/");

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "finished");
  EXPECT_EQ(refused.status, 0);
}

TEST(HttpServer, HandlerExceptionIs500) {
  auto server = start_server([](const Request&) -> Reply { throw std::runtime_error("boom"); });
  HttpTestClient client(base_url(*server));

  const auto response = client.get("/");

  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("internal_error"), std::string::npos);
}

TEST(HttpServer, BodyOverLimitIs413) {
  ServerOptions options;
  options.max_body_bytes = 1024;
  auto server = start_server([](const Request&) { return Reply::text(200, "ok"); }, options);
  HttpTestClient client(base_url(*server));

  const auto response = client.post("/", std::string(4096, 'x'));

  EXPECT_EQ(response.status, 413);
}

TEST(HttpServer, TakenPortFails) {
  auto first = start_server([](const Request&) { return Reply::text(200, "ok"); });
  ServerOptions options;
  options.port = first->port();

  auto second = Server::start(options, [](const Request&) { return Reply::text(200, "ok"); });

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "listen_failed");
  EXPECT_NE(second.error().message.find(std::to_string(first->port())), std::string::npos);
}

TEST(HttpServer, InvalidAddressFails) {
  ServerOptions options;
  options.address = "localhost:80";

  auto server = Server::start(options, [](const Request&) { return Reply::text(200, "ok"); });

  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().code, "invalid_address");
}

TEST(HttpServer, ConcurrentClients) {
  ServerOptions options;
  options.threads = 4;
  auto server = start_server([](const Request& request) { return Reply::text(200, request.target); }, options);
  const std::string url = base_url(*server);

  std::vector<std::future<int>> workers;
  for (int worker = 0; worker < 8; ++worker) {
    workers.push_back(std::async(std::launch::async, [&, worker] {
      HttpTestClient client(url);
      int matched = 0;
      for (int i = 0; i < 25; ++i) {
        const std::string path = "/" + std::to_string(worker) + "/" + std::to_string(i);
        matched += client.get(path).body == path ? 1 : 0;
      }
      return matched;
    }));
  }

  for (auto& worker : workers) {
    EXPECT_EQ(worker.get(), 25);
  }
}

}  // namespace
}  // namespace wic::http
