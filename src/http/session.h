#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "http/server.h"

namespace wic::http {

class Session;

// State that the server and its connections share. Sessions hold it by
// shared_ptr, so it outlives a server whose drain timed out.
struct SessionRegistry {
  ServerOptions options;
  Handler handler;
  std::atomic<bool> stopping{false};

  std::mutex mutex;
  std::condition_variable drained;  // notified when a session ends
  std::unordered_set<Session*> sessions;
};

// Serves one TCP connection: reads requests, calls the handler, applies the
// reply's delay and disposition, writes responses, until the peer closes,
// the idle timeout fires or the server stops.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<SessionRegistry> registry);
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
  void send(Reply reply);
  void reset();
  void close();

  std::unique_ptr<State> state_;
};

}  // namespace wic::http
