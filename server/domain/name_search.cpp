// name_search: folding names and typed queries alike, so that "семенов" finds "Семёнов".
#include "name_search.hpp"

#include "roster_chars.hpp"
#include "text.hpp"

namespace classbook::domain {
namespace {

char32_t folded(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А…Я → а…я
  if (c == 0x401 || c == 0x451) return 0x435;     // Ё, ё → е
  return c;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char32_t c : roster_chars::code_points(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    roster_chars::append_utf8(out, folded(c));
  }
  return out;
}

}  // namespace

std::optional<std::string> folded_query(std::string_view typed) {
  const auto n = utf8_length(typed);
  if (!n || *n > max_name_query_chars) return std::nullopt;
  auto q = fold(typed);
  if (q.empty()) return std::nullopt;
  return q;
}

std::string folded_name(std::string_view name) {
  if (!utf8_length(name)) return std::string(name);
  return fold(name);
}

bool name_holds(std::string_view folded, std::string_view query) { return folded.find(query) != std::string_view::npos; }

}  // namespace classbook::domain
