#include "http/session.h"

#include <array>
#include <charconv>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <optional>
#include <spdlog/spdlog.h>

namespace wic::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

using RequestParser = bhttp::request_parser<bhttp::string_body>;
using LoopTimer = asio::basic_waitable_timer<std::chrono::steady_clock,
                                             asio::wait_traits<std::chrono::steady_clock>, LoopExecutor>;
using SteadyTime = std::chrono::steady_clock::time_point;

Request to_request(bhttp::request<bhttp::string_body>& message, const std::string& client_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.client_address = client_address;
  return request;
}

Reply error_reply(int status, std::string_view code, std::string_view message) {
  Reply reply = Reply::json(status, fmt::format(R"({{"error":"{}","message":"{}"}})", code, message));
  reply.close_connection = true;
  return reply;
}

std::string peer_address(const LoopSocket& socket) {
  boost::system::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  if (error) {
    return "unknown";
  }
  return fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

void append_number(std::string& out, std::size_t number) {
  char digits[24];
  const auto end = std::to_chars(std::begin(digits), std::end(digits), number).ptr;
  out.append(digits, end);
}

// Writes the status line and header fields of an HTTP/1.1 response into
// `head`, reusing its capacity. The body goes out as a second buffer of the
// same write, so a response is one sendmsg call.
void write_head(std::string& head, const Reply& reply, const std::string& server_header, bool keep_alive,
                unsigned request_version) {
  head.clear();
  head += "HTTP/1.1 ";
  append_number(head, static_cast<std::size_t>(reply.status));
  head += ' ';
  head += bhttp::obsolete_reason(static_cast<bhttp::status>(reply.status));
  head += "\r\nServer: ";
  head += server_header;
  head += "\r\n";
  for (const auto& [name, value] : reply.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  head += "Content-Length: ";
  append_number(head, reply.body.size());
  head += "\r\n";
  if (!keep_alive) {
    head += "Connection: close\r\n";
  } else if (request_version < 11) {
    // HTTP/1.0 closes by default, so the header keeps this connection open.
    head += "Connection: keep-alive\r\n";
  }
  head += "\r\n";
}

}  // namespace

struct Session::State {
  State(LoopSocket accepted, std::shared_ptr<SessionRegistry> shared)
      : client_address(peer_address(accepted)),
        socket(std::move(accepted)),
        idle_timer(socket.get_executor()),
        delay_timer(socket.get_executor()),
        registry(std::move(shared)) {}

  // Current activity of the connection. The idle watch closes it only while
  // it reads or writes, because a handler, a delay or offloaded work end by
  // themselves.
  enum class Phase { kReading, kHandling, kWriting, kClosed };

  std::string client_address;
  LoopSocket socket;
  LoopTimer idle_timer;
  LoopTimer delay_timer;
  std::shared_ptr<SessionRegistry> registry;

  Phase phase = Phase::kReading;
  // Time at which the read or write in progress has taken too long, moved
  // forward at every read and write. The idle timer checks it when it fires
  // instead of being re-armed per request, which costs a cancelled wait.
  SteadyTime deadline;
  beast::flat_buffer buffer;
  std::optional<RequestParser> parser;
  bool keep_alive = false;
  unsigned request_version = 11;
  std::optional<Reply> pending;  // reply waiting for its delay
  std::string head;              // of the response being written
  std::string body;              // of the response being written
};

Session::Session(LoopSocket socket, std::shared_ptr<SessionRegistry> registry)
    : state_(std::make_unique<State>(std::move(socket), std::move(registry))) {
  std::lock_guard lock(state_->registry->mutex);
  state_->registry->sessions.insert(this);
}

Session::~Session() {
  const auto registry = state_->registry;
  {
    std::lock_guard lock(registry->mutex);
    registry->sessions.erase(this);
  }
  registry->drained.notify_all();
}

void Session::start() {
  asio::post(state_->socket.get_executor(), [self = shared_from_this()] {
    self->state_->deadline = std::chrono::steady_clock::now() + self->state_->registry->options.idle_timeout;
    self->watch_idle();
    self->read_request();
  });
}

void Session::shut_down() {
  asio::post(state_->socket.get_executor(), [self = shared_from_this()] {
    State& state = *self->state_;
    if (state.phase == State::Phase::kReading) {
      self->close();
      return;
    }
    // A reply that was only going to drop the connection does so now.
    if (state.pending && state.pending->disposition == Reply::Disposition::kReset) {
      state.delay_timer.cancel();
    }
  });
}

void Session::read_request() {
  State& state = *state_;
  if (state.registry->stopping) {
    close();
    return;
  }

  state.phase = State::Phase::kReading;
  state.deadline = std::chrono::steady_clock::now() + state.registry->options.idle_timeout;
  state.parser.emplace();
  state.parser->body_limit(state.registry->options.max_body_bytes);
  bhttp::async_read(state.socket, state.buffer, *state.parser,
                    [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
}

void Session::on_read(boost::system::error_code error) {
  State& state = *state_;
  if (state.phase == State::Phase::kClosed || error == bhttp::error::end_of_stream ||
      error == asio::error::operation_aborted || error == asio::error::connection_reset ||
      error == asio::error::bad_descriptor || error == asio::error::eof) {
    close();
    return;
  }

  state.phase = State::Phase::kHandling;
  state.keep_alive = false;
  if (error == bhttp::error::body_limit) {
    spdlog::warn("http: request body over {} bytes from {}", state.registry->options.max_body_bytes,
                 state.client_address);
    answer(error_reply(413, "body_too_large",
                       fmt::format("request body is over the limit of {} bytes",
                                   state.registry->options.max_body_bytes)));
    return;
  }
  if (error) {
    spdlog::warn("http: invalid request from {}: {}", state.client_address, error.message());
    answer(error_reply(400, "invalid_request", "the request is not valid HTTP/1.1"));
    return;
  }

  auto& message = state.parser->get();
  state.keep_alive = message.keep_alive();
  state.request_version = message.version();
  answer(call_handler(to_request(message, state.client_address)));
}

Reply Session::call_handler(const Request& request) {
  try {
    return state_->registry->handler(request);
  } catch (const std::exception& exception) {
    spdlog::error("http: handler failed on {} {} from {}: {}", request.method, request.target,
                  request.client_address, exception.what());
    return error_reply(500, "internal_error", "the server failed to handle the request; see its log");
  }
}

void Session::answer(Reply reply) {
  State& state = *state_;
  if (reply.offloaded) {
    run_offloaded(std::move(reply.offloaded));
    return;
  }
  if (reply.delay <= Duration::zero()) {
    send(std::move(reply));
    return;
  }

  state.pending = std::move(reply);
  state.delay_timer.expires_after(state.pending->delay);
  state.delay_timer.async_wait([self = shared_from_this()](boost::system::error_code) {
    Reply delayed = std::move(*self->state_->pending);
    self->state_->pending.reset();
    self->send(std::move(delayed));
  });
}

void Session::run_offloaded(std::function<Reply()> work) {
  asio::post(*state_->registry->offload, [self = shared_from_this(), work = std::move(work)] {
    Reply reply;
    try {
      reply = work();
    } catch (const std::exception& exception) {
      spdlog::error("http: offloaded reply failed for {}: {}", self->state_->client_address, exception.what());
      reply = error_reply(500, "internal_error", "the server failed to handle the request; see its log");
    }
    asio::post(self->state_->socket.get_executor(),
               [self, reply = std::move(reply)]() mutable { self->answer(std::move(reply)); });
  });
}

void Session::send(Reply reply) {
  State& state = *state_;
  if (state.phase == State::Phase::kClosed) {
    return;
  }
  if (reply.disposition == Reply::Disposition::kReset) {
    reset();
    return;
  }

  const bool keep_alive = state.keep_alive && !reply.close_connection && !state.registry->stopping;
  write_head(state.head, reply, state.registry->options.server_header, keep_alive, state.request_version);
  state.body = std::move(reply.body);

  state.phase = State::Phase::kWriting;
  state.deadline = std::chrono::steady_clock::now() + state.registry->options.idle_timeout;
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(state.head), asio::buffer(state.body)};
  asio::async_write(state.socket, buffers,
                    [self = shared_from_this(), keep_alive](boost::system::error_code error, std::size_t) {
                      if (error || !keep_alive) {
                        self->close();
                        return;
                      }
                      self->read_request();
                    });
}

void Session::watch_idle() {
  State& state = *state_;
  state.idle_timer.expires_at(state.deadline);
  state.idle_timer.async_wait([self = shared_from_this()](boost::system::error_code error) {
    State& state = *self->state_;
    if (error || state.phase == State::Phase::kClosed) {
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (state.phase == State::Phase::kHandling) {
      state.deadline = std::max(state.deadline, now + state.registry->options.idle_timeout);
    } else if (now >= state.deadline) {
      spdlog::debug("http: closing idle connection from {}", state.client_address);
      self->close();
      return;
    }
    self->watch_idle();
  });
}

void Session::reset() {
  State& state = *state_;
  boost::system::error_code ignored;
  // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
  state.socket.set_option(asio::socket_base::linger(true, 0), ignored);
  state.socket.close(ignored);
  state.idle_timer.cancel();
  state.phase = State::Phase::kClosed;
}

void Session::close() {
  State& state = *state_;
  if (state.phase == State::Phase::kClosed) {
    return;
  }
  boost::system::error_code ignored;
  state.socket.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  state.socket.close(ignored);
  state.idle_timer.cancel();
  state.delay_timer.cancel();
  state.phase = State::Phase::kClosed;
}

}  // namespace wic::http
