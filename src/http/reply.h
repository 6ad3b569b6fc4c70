#pragma once

#include <functional>
#include <string>

#include "core/clock.h"
#include "http/request.h"

namespace wic::http {

// What a handler returns: a response to send, or an instruction to misbehave
// the way a failing server does. The server sends `body` byte for byte with
// a Content-Length of its size, so a handler can send truncated or invalid
// JSON on purpose.
struct Reply {
  enum class Disposition {
    kSend,   // send the response
    kReset,  // close the connection without a response (TCP reset)
  };

  int status = 200;
  Headers headers;
  std::string body;
  // Waited on a timer before the response is sent or the connection reset;
  // other connections are served meanwhile. Real time, not a Clock's time:
  // this is latency on the wire.
  Duration delay{};
  Disposition disposition = Disposition::kSend;
  // Close the connection after this response even if the client asked to
  // keep it alive.
  bool close_connection = false;
  // When set, the server calls it on its offload threads and sends the reply
  // it returns instead of this one. For a reply that must block (wait for a
  // retailer), so that the connections sharing the thread that read the
  // request are not held up.
  std::function<Reply()> offloaded;

  static Reply json(int status, std::string body);
  static Reply text(int status, std::string body);
  // Closes the connection without a response after `delay`.
  static Reply reset(Duration delay = {});
  // A reply produced later by `work` on the server's offload threads.
  static Reply offload(std::function<Reply()> work);

  Reply& with_header(std::string name, std::string value);
};

}  // namespace wic::http
