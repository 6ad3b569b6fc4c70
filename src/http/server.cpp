#include "http/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <optional>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <thread>
#include <vector>

#include "http/session.h"

namespace wic::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// One event loop: an io_context run by one thread. The work guard keeps a
// loop without connections running until the server stops.
struct EventLoop {
  asio::io_context io{1};  // concurrency hint: one thread runs it
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread;
};

struct Server::Impl {
  Impl(std::shared_ptr<SessionRegistry> shared, int loop_count) : registry(std::move(shared)) {
    for (int i = 0; i < loop_count; ++i) {
      loops.push_back(std::make_unique<EventLoop>());
    }
    acceptor.emplace(loops.front()->io);
  }

  // Accepts the next connection onto the next loop in turn, so connections
  // spread evenly over the threads.
  void accept_next() {
    EventLoop& loop = *loops[next_loop];
    next_loop = (next_loop + 1) % loops.size();
    acceptor->async_accept(loop.io.get_executor(), [this](boost::system::error_code error, LoopSocket socket) {
      if (error) {
        if (error != asio::error::operation_aborted) {
          spdlog::warn("http: accept on {}:{} failed: {}", registry->options.address, port, error.message());
        }
        if (!acceptor->is_open()) {
          return;
        }
      } else {
        socket.set_option(tcp::no_delay(true), error);
        std::make_shared<Session>(std::move(socket), registry)->start();
      }
      accept_next();
    });
  }

  std::shared_ptr<SessionRegistry> registry;
  std::vector<std::unique_ptr<EventLoop>> loops;
  std::size_t next_loop = 0;  // touched only on the acceptor's loop
  std::optional<tcp::acceptor> acceptor;
  std::uint16_t port = 0;
  bool stopped = false;
};

namespace {

Result<tcp::endpoint> make_endpoint(const ServerOptions& options) {
  boost::system::error_code error;
  const auto address = asio::ip::make_address(options.address, error);
  if (error) {
    return Error{"invalid_address",
                 fmt::format("invalid listen address \"{}\": expected an IPv4 or IPv6 literal such as 127.0.0.1",
                             options.address)};
  }
  return tcp::endpoint(address, options.port);
}

// Opens, binds and listens; returns the reason on failure.
std::optional<Error> listen(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
  boost::system::error_code error;
  acceptor.open(endpoint.protocol(), error);
  if (!error) {
    acceptor.set_option(asio::socket_base::reuse_address(true), error);
  }
  if (!error) {
    acceptor.bind(endpoint, error);
  }
  if (!error) {
    acceptor.listen(asio::socket_base::max_listen_connections, error);
  }
  if (error) {
    return Error{"listen_failed", fmt::format("cannot listen on {}:{}: {}; choose another port, or 0 for a free one",
                                              endpoint.address().to_string(), endpoint.port(), error.message())};
  }
  return std::nullopt;
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(); }

Result<std::unique_ptr<Server>> Server::start(ServerOptions options, Handler handler) {
  if (options.threads < 1) {
    return Error{"invalid_threads",
                 fmt::format("invalid thread count {}: the server needs at least 1 thread", options.threads)};
  }
  auto endpoint = make_endpoint(options);
  if (!endpoint) {
    return endpoint.error();
  }

  if (options.offload_threads < 1) {
    return Error{"invalid_threads", fmt::format("invalid offload thread count {}: the server needs at least 1",
                                                options.offload_threads)};
  }

  auto registry = std::make_shared<SessionRegistry>();
  registry->options = std::move(options);
  registry->handler = std::move(handler);
  auto impl = std::make_unique<Impl>(registry, registry->options.threads);
  if (auto error = listen(*impl->acceptor, *endpoint)) {
    return *error;
  }
  impl->port = impl->acceptor->local_endpoint().port();
  registry->offload = std::make_unique<asio::thread_pool>(registry->options.offload_threads);

  impl->accept_next();
  for (auto& loop : impl->loops) {
    loop->thread = std::thread([io = &loop->io] { io->run(); });
  }
  spdlog::info("http: listening on {}:{} with {} threads", registry->options.address, impl->port,
               registry->options.threads);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->port; }

const std::string& Server::address() const { return impl_->registry->options.address; }

void Server::stop() {
  if (impl_ == nullptr || impl_->stopped) {
    return;
  }
  impl_->stopped = true;
  SessionRegistry& registry = *impl_->registry;
  registry.stopping = true;

  asio::post(impl_->acceptor->get_executor(), [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->acceptor->close(ignored);
  });

  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(registry.mutex);
    for (Session* session : registry.sessions) {
      // A session whose destructor is waiting for the lock yields nothing.
      if (auto alive = session->weak_from_this().lock()) {
        live.push_back(std::move(alive));
      }
    }
  }
  for (const auto& session : live) {
    session->shut_down();
  }
  live.clear();

  bool drained = false;
  {
    std::unique_lock lock(registry.mutex);
    drained = registry.drained.wait_for(lock, registry.options.drain_timeout,
                                        [&] { return registry.sessions.empty(); });
  }
  if (!drained) {
    spdlog::warn("http: requests still in flight on {}:{} after {} s; closing their connections",
                 registry.options.address, impl_->port, registry.options.drain_timeout.count());
    for (auto& loop : impl_->loops) {
      loop->io.stop();
    }
  }

  // Offloaded work still running finishes first; its replies find their
  // loops stopped or their connections gone.
  registry.offload->join();
  for (auto& loop : impl_->loops) {
    loop->work.reset();
    loop->io.stop();
    loop->thread.join();
  }
  spdlog::info("http: stopped listening on {}:{}", registry.options.address, impl_->port);
}

}  // namespace wic::http
