#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace wic::retailers {

// A client secret, private key path or access token. It has no stream
// operator and formats as "[redacted]", so it cannot reach a log line or an
// error message by accident; reveal() is the one way to read it, at the
// point where it goes on the wire.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

  friend bool operator==(const Secret&, const Secret&) = default;

 private:
  std::string value_;
};

}  // namespace wic::retailers

template <>
struct fmt::formatter<wic::retailers::Secret> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const wic::retailers::Secret&, FormatContext& context) const {
    return fmt::formatter<std::string_view>::format("[redacted]", context);
  }
};
