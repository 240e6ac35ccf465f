// Result<T>: an expected failure as a value — a code a program can branch on and a message a person can act on.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace classbook {

enum class Errc {
  invalid_input,     // the request or value is malformed or out of range (HTTP 400/422)
  unauthenticated,   // no or expired session (401)
  forbidden,         // the actor may not do this to this object (403)
  not_found,         // no such object (404)
  conflict,          // the state forbids it, e.g. a duplicate login (409)
  throttled,         // too many attempts; try later (429)
  unavailable,       // storage or a dependency failed; nothing was written (503)
  internal,          // a defect (500)
};

struct Error {
  Errc code = Errc::internal;
  std::string message;  // says what happened and what to do, for a person
  std::string field;    // the input field at fault, when there is one
};

inline Error make_error(Errc code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status: a Result with nothing to carry on success.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace classbook
