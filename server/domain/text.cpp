// text: a strict UTF-8 decoder (RFC 3629) and the white-space test built on it.
#include "text.hpp"

namespace classbook::domain {

namespace {

constexpr char32_t max_code_point = 0x10FFFF;
constexpr char32_t first_surrogate = 0xD800;
constexpr char32_t last_surrogate = 0xDFFF;

// What a lead byte announces: the sequence length, the payload bits it carries, and the least
// value a sequence of that length may encode (anything less is an overlong form).
struct Lead {
  std::size_t length = 0;  // 0: not a lead byte
  char32_t bits = 0;
  char32_t smallest = 0;
};

Lead read_lead(unsigned char b) {
  if (b < 0x80) return {1, b, 0};
  if ((b & 0xE0) == 0xC0) return {2, static_cast<char32_t>(b & 0x1F), 0x80};
  if ((b & 0xF0) == 0xE0) return {3, static_cast<char32_t>(b & 0x0F), 0x800};
  if ((b & 0xF8) == 0xF0) return {4, static_cast<char32_t>(b & 0x07), 0x10000};
  return {};  // a continuation byte where a character should start, or 0xF8..0xFF
}

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Calls `visit` with each code point; false as soon as the bytes stop being well-formed UTF-8.
template <class Visit>
bool for_each_code_point(std::string_view text, Visit visit) {
  std::size_t i = 0;
  while (i < text.size()) {
    const Lead lead = read_lead(static_cast<unsigned char>(text[i]));
    if (lead.length == 0 || text.size() - i < lead.length) return false;
    char32_t cp = lead.bits;
    for (std::size_t k = 1; k < lead.length; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (!is_continuation(b)) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < lead.smallest || cp > max_code_point || (cp >= first_surrogate && cp <= last_surrogate)) {
      return false;
    }
    visit(cp);
    i += lead.length;
  }
  return true;
}

// Unicode's White_Space property, all of it: a note of no-break spaces is as empty as one of spaces.
bool is_white_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

}  // namespace

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  if (!for_each_code_point(text, [&count](char32_t) { ++count; })) return std::nullopt;
  return count;
}

bool is_blank(std::string_view text) {
  bool blank = true;
  const bool valid =
      for_each_code_point(text, [&blank](char32_t cp) { blank = blank && is_white_space(cp); });
  return valid && blank;
}

}  // namespace classbook::domain
