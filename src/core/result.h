#pragma once

#include <string>
#include <utility>
#include <variant>

namespace wic {

// Error of an operation whose failure the caller is expected to handle: a
// code the caller can branch on and a message for a person, which names the
// offending value and, where there is one, the fix.
struct Error {
  std::string code;     // machine-readable, e.g. "invalid_check_digit"
  std::string message;  // one or two plain sentences
};

// Value or error, Error unless a module has a richer error type (the
// retailer connectors use RetailerError). A small stand-in for std::expected
// (C++23), which the Debian 12 toolchain does not offer in C++20 mode.
template <typename T, typename E = Error>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(E error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const E& error() const { return std::get<E>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace wic
