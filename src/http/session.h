#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "http/server.h"

namespace wic::http {

class Session;

// A connection's socket, bound to the event loop that accepted it. The
// concrete executor type (no type erasure, no strand) is what keeps a
// request's path short: each loop runs on one thread.
using LoopExecutor = boost::asio::io_context::executor_type;
using LoopSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, LoopExecutor>;

// State that the server and its connections share. Sessions hold it by
// shared_ptr, so it outlives a server whose drain timed out.
struct SessionRegistry {
  ServerOptions options;
  Handler handler;
  std::atomic<bool> stopping{false};
  std::unique_ptr<boost::asio::thread_pool> offload;  // runs Reply::offloaded

  std::mutex mutex;
  std::condition_variable drained;  // notified when a session ends
  std::unordered_set<Session*> sessions;
};

// Serves one TCP connection on one event loop: reads requests, calls the
// handler, applies the reply's delay, offload and disposition, writes
// responses, until the peer closes, the idle timeout passes or the server
// stops. Every member function but shut_down runs on the loop's thread.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(LoopSocket socket, std::shared_ptr<SessionRegistry> registry);
  ~Session();

  void start();
  // Closes the connection if it is waiting for a request; a request being
  // handled finishes first, and its response closes the connection. Thread-safe.
  void shut_down();

 private:
  struct State;

  void read_request();
  void on_read(boost::system::error_code error);
  Reply call_handler(const Request& request);
  void answer(Reply reply);
  void run_offloaded(std::function<Reply()> work);
  void send(Reply reply);
  void watch_idle();
  void reset();
  void close();

  std::unique_ptr<State> state_;
};

}  // namespace wic::http
