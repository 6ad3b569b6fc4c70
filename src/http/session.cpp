#include "http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <spdlog/spdlog.h>

namespace wic::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

using RequestParser = bhttp::request_parser<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

Request to_request(const bhttp::request<bhttp::string_body>& message, const std::string& client_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = message.body();
  request.client_address = client_address;
  return request;
}

Reply error_reply(int status, std::string_view code, std::string_view message) {
  Reply reply = Reply::json(status, fmt::format(R"({{"error":"{}","message":"{}"}})", code, message));
  reply.close_connection = true;
  return reply;
}

std::string peer_address(const asio::ip::tcp::socket& socket) {
  boost::system::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  if (error) {
    return "unknown";
  }
  return fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
}

}  // namespace

struct Session::State {
  State(asio::ip::tcp::socket socket, std::shared_ptr<SessionRegistry> shared)
      : client_address(peer_address(socket)),
        stream(std::move(socket)),
        delay_timer(stream.get_executor()),
        registry(std::move(shared)) {}

  std::string client_address;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  std::optional<RequestParser> parser;
  asio::steady_timer delay_timer;
  std::shared_ptr<SessionRegistry> registry;

  // Between a complete request and the end of its response. Touched only on
  // the session's strand.
  bool handling = false;
  bool keep_alive = false;
  std::optional<Reply> pending;  // reply waiting for its delay
  Response response;
};

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<SessionRegistry> registry)
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
  asio::dispatch(state_->stream.get_executor(), [self = shared_from_this()] { self->read_request(); });
}

void Session::shut_down() {
  asio::post(state_->stream.get_executor(), [self = shared_from_this()] {
    State& state = *self->state_;
    if (!state.handling) {
      boost::system::error_code ignored;
      state.stream.socket().close(ignored);
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

  state.parser.emplace();
  state.parser->body_limit(state.registry->options.max_body_bytes);
  state.stream.expires_after(state.registry->options.idle_timeout);
  bhttp::async_read(state.stream, state.buffer, *state.parser,
                    [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
}

void Session::on_read(boost::system::error_code error) {
  State& state = *state_;
  if (error == bhttp::error::end_of_stream || error == beast::error::timeout ||
      error == asio::error::operation_aborted || error == asio::error::connection_reset ||
      error == asio::error::bad_descriptor) {
    close();
    return;
  }

  state.handling = true;
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

  const auto& message = state.parser->get();
  state.keep_alive = message.keep_alive();
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
  if (reply.delay <= Duration::zero()) {
    send(std::move(reply));
    return;
  }

  state.stream.expires_never();
  state.pending = std::move(reply);
  state.delay_timer.expires_after(state.pending->delay);
  state.delay_timer.async_wait([self = shared_from_this()](boost::system::error_code) {
    Reply delayed = std::move(*self->state_->pending);
    self->state_->pending.reset();
    self->send(std::move(delayed));
  });
}

void Session::send(Reply reply) {
  State& state = *state_;
  if (reply.disposition == Reply::Disposition::kReset) {
    reset();
    return;
  }

  const bool keep_alive = state.keep_alive && !reply.close_connection && !state.registry->stopping;
  state.response = Response{};
  state.response.version(11);
  state.response.result(static_cast<unsigned>(reply.status));
  state.response.set(bhttp::field::server, state.registry->options.server_header);
  for (auto& [name, value] : reply.headers) {
    state.response.insert(name, value);
  }
  state.response.body() = std::move(reply.body);
  state.response.content_length(state.response.body().size());
  state.response.keep_alive(keep_alive);

  state.stream.expires_after(state.registry->options.idle_timeout);
  bhttp::async_write(state.stream, state.response,
                     [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                       self->state_->handling = false;
                       if (error || !keep_alive) {
                         self->close();
                         return;
                       }
                       self->read_request();
                     });
}

void Session::reset() {
  State& state = *state_;
  boost::system::error_code ignored;
  // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
  state.stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);
  state.stream.socket().close(ignored);
  state.handling = false;
}

void Session::close() {
  State& state = *state_;
  boost::system::error_code ignored;
  state.stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  state.stream.socket().close(ignored);
  state.handling = false;
}

}  // namespace wic::http
