// checked: a value read from typed text, or the sentence that says why the text is not one.
#pragma once

#include <optional>
#include <string>

namespace classbook::domain {

// A value read from typed text, or why the text is not one (a sentence for the person who typed it).
template <class T>
struct Checked {
  std::optional<T> value;
  std::string problem;
  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
  const T* operator->() const { return &*value; }
};

}  // namespace classbook::domain
