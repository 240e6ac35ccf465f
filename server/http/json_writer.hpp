// json_writer: JSON written straight into a string, for the hot responses (the week diary). Building
// a boost::json tree costs an allocation per node and a second pass to serialise; the diary is read
// thousands of times a second, so its bytes go out in one pass. The output is what boost::json
// would print for the same values (same escaping, no spaces); the unit tests hold it to that.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace classbook::http {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // A member's name — one of ours, plain ASCII that needs no escaping; the next call writes its value.
  JsonWriter& key(std::string_view name) {
    char buf[64];
    if (name.size() + 4 > sizeof buf) {
      separate();
      out_ += '"';
      out_ += name;
      out_ += "\":";
    } else {  // one append: the separator, the quoted name and the colon
      std::size_t n = 0;
      if (!first_) buf[n++] = ',';
      buf[n++] = '"';
      std::memcpy(buf + n, name.data(), name.size());
      n += name.size();
      buf[n++] = '"';
      buf[n++] = ':';
      out_.append(buf, n);
    }
    first_ = true;
    return *this;
  }

  JsonWriter& value(std::string_view s) {
    separate();
    quoted(s);
    return *this;
  }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
  }
  JsonWriter& value(long long n) {
    separate();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    out_.append(buf, end);
    return *this;
  }
  JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
  JsonWriter& null() {
    separate();
    out_ += "null";
    return *this;
  }

  // Writes text rendered earlier (a part made once and reused) that ends where a value is due —
  // after an opening bracket or a member's name — and continues from there.
  JsonWriter& resume(std::string_view rendered) {
    separate();
    out_ += rendered;
    first_ = true;
    return *this;
  }

  // key(name).value(v) in one call, for the common case.
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  JsonWriter& open(char c) {
    separate();
    out_ += c;
    first_ = true;
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  // Escapes as boost::json::serialize does: quote, backslash, the short forms of control
  // characters, \u00XX for the rest below 0x20; everything else (UTF-8 included) as it is. Runs
  // of plain bytes — nearly all of a diary — are found by table and copied at once.
  void quoted(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p != end) {
      const char* run = p;
      p = plain_run(p, end);
      out_.append(run, static_cast<std::size_t>(p - run));
      if (p == end) break;
      const auto c = static_cast<unsigned char>(*p++);
      char esc[6] = {'\\', 0, 0, 0, 0, 0};
      std::size_t len = 2;
      switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
          esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4], esc[5] = hex[c & 0xF];
          len = 6;
      }
      out_.append(esc, len);
    }
    out_ += '"';
  }
  static constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

  // The first byte at or after p that needs escaping, or end. Eight bytes per step: a word has a
  // byte below 0x20, a quote or a backslash exactly when one of the three masks below is non-zero
  // (the classic "has zero byte" test applied to x, x ^ '"' and x ^ '\\').
  static const char* plain_run(const char* p, const char* end) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (end - p >= 8) {
      std::uint64_t x;
      std::memcpy(&x, p, 8);
      const std::uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
      const std::uint64_t hits = ((x - ones * 0x20) | (quote - ones) | (slash - ones)) & ~x & highs;
      if (hits) break;
      p += 8;
    }
    while (p != end && !needs_escape(static_cast<unsigned char>(*p))) ++p;
    return p;
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace classbook::http
