#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/reply.h"
#include "http/request.h"

namespace wic::http {

// Produces the reply to one request. Called on one of the server's threads,
// possibly on several at once, so it must be thread-safe. It must not block,
// because every connection of its thread waits meanwhile. A reply that waits a set
// time sets Reply::delay; one that must block returns Reply::offload. An
// exception it throws is logged and turned into a 500 reply.
using Handler = std::function<Reply(const Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";  // IPv4 or IPv6 literal to listen on
  std::uint16_t port = 0;              // 0: the system picks a free port, see Server::port()
  // Event loops, one thread each; a connection stays on the loop that
  // accepted it.
  int threads = 2;
  int offload_threads = 2;             // threads that run Reply::offload work
  std::size_t max_body_bytes = 1 << 20;
  // A keep-alive connection without a request for this long is closed.
  std::chrono::seconds idle_timeout{30};
  // Server::stop() waits this long for requests in flight before it closes
  // their connections anyway.
  std::chrono::seconds drain_timeout{5};
  std::string server_header = "wic-inventory";
};

// Small HTTP/1.1 server on Boost.Beast: keep-alive, one event loop per
// thread, one handler for every request. Requests on one connection are
// served in order.
class Server {
 public:
  // Listens and starts the threads. Fails with a message naming the address
  // when the address is invalid or the port is taken.
  static Result<std::unique_ptr<Server>> start(ServerOptions options, Handler handler);

  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Port listened on, the one the system picked when the options gave 0.
  std::uint16_t port() const;
  const std::string& address() const;

  // Stops accepting, lets requests in flight finish (waiting at most the
  // drain timeout), closes idle connections and joins the threads. Replies
  // that were only going to reset the connection after a delay are reset at
  // once. Safe to call more than once, not from a handler.
  void stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wic::http
