// Result<T>: an expected failure as a value — a code a program can branch on and a message a person can act on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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

// ErrorCode: the stable name of one refusal, in the school's words ("mark.value_out_of_scale"), that
// a client can translate while the English message may change. Only a string literal of the shape
// area.snake_case makes one: lowercase letters, digits and underscores, one dot, both parts
// non-empty. A wrong shape does not compile, because the constructor runs at compile time.
class ErrorCode {
 public:
  consteval ErrorCode(const char* text) : text_(text) {  // NOLINT: implicit by design
    if (!well_formed(text)) throw "an error code is area.snake_case: lowercase, digits, _, one dot";
  }

  static constexpr bool well_formed(std::string_view s) {
    const auto dot = s.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == s.size()) return false;
    if (s.find('.', dot + 1) != std::string_view::npos) return false;
    for (char c : s)
      if (!(c == '.' || c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
  }

  constexpr const char* c_str() const { return text_; }
  constexpr std::string_view view() const { return text_; }
  friend constexpr bool operator==(ErrorCode a, ErrorCode b) { return a.view() == b.view(); }

 private:
  const char* text_;
};

struct Error {
  Errc code = Errc::internal;  // the kind, which decides the HTTP status
  ErrorCode id;                // the stable code of this refusal, e.g. "mark.value_out_of_scale"
  std::string message;         // says what happened and what to do, for a person
  std::string field;           // the input field at fault, when there is one
};

// The one way to make an Error: a site without a stable code does not compile.
inline Error make_error(Errc kind, ErrorCode id, std::string message, std::string field = {}) {
  return Error{kind, id, std::move(message), std::move(field)};
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
