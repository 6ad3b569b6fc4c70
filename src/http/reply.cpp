#include "http/reply.h"

namespace wic::http {

Reply Reply::json(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Type", "application/json");
  return reply;
}

Reply Reply::text(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  return reply;
}

Reply Reply::reset(Duration delay) {
  Reply reply;
  reply.disposition = Disposition::kReset;
  reply.delay = delay;
  return reply;
}

Reply Reply::offload(std::function<Reply()> work) {
  Reply reply;
  reply.offloaded = std::move(work);
  return reply;
}

Reply& Reply::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

}  // namespace wic::http
