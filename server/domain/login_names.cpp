// login_names: ICAO Doc 9303 transliteration of Cyrillic (and folded Latin-1) into logins.
#include "login_names.hpp"

#include <algorithm>
#include <array>

#include "roster_chars.hpp"
#include "text.hpp"

namespace classbook::domain {

using roster_chars::code_points;
using roster_chars::is_ascii_letter;
using roster_chars::is_digit;

namespace {

// ICAO Doc 9303 (Russian passports since 2013) for а…я.
constexpr std::array<std::string_view, 32> icao_russian = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia"};
// Latin-1 letters À…ÿ folded to plain Latin; × and ÷ are no letters.
constexpr std::array<std::string_view, 32> latin1_folded = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss"};

std::string_view latin_of(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) c += 0x20;
  if (c >= 0x430 && c <= 0x44F) return icao_russian[c - 0x430];
  switch (c) {
    case 0x401: case 0x451: return "e";                                   // Ё ё
    case 0x406: case 0x456: case 0x407: case 0x457: return "i";           // І і Ї ї
    case 0x404: case 0x454: return "ie";                                  // Є є
    case 0x490: case 0x491: return "g";                                   // Ґ ґ
    case 0x40E: case 0x45E: return "u";                                   // Ў ў
    case 0xFF: return "y";                                                // ÿ
    default: break;
  }
  if (c >= 0xC0 && c <= 0xFE) return latin1_folded[(c - 0xC0) % 32];
  return {};
}


}  // namespace

std::string transliterate(std::string_view text) {
  std::string out;
  if (!utf8_length(text)) return out;
  for (char32_t c : code_points(text)) {
    if (is_ascii_letter(c)) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (is_digit(c)) {
      out += static_cast<char>(c);
    } else if (c == ' ' || c == '-' || c == 0x2010) {
      if (!out.empty() && out.back() != '-') out += '-';
    } else {
      out += latin_of(c);
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string login_base(std::string_view last_name, std::string_view first_name) {
  std::string surname = transliterate(last_name).substr(0, max_login_surname_chars);
  while (!surname.empty() && surname.back() == '-') surname.pop_back();
  if (surname.empty()) surname = "user";
  const auto first = transliterate(first_name);
  const auto initial = std::find_if(first.begin(), first.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return initial == first.end() ? surname : surname + "." + *initial;
}

std::string login_candidate(const std::string& base, int n) { return n <= 1 ? base : base + std::to_string(n); }

}  // namespace classbook::domain
