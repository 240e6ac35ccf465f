// roster_chars: the code-point helpers the office's text checks share (not part of the domain's API).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain::roster_chars {

// The code points of text that utf8_length has already accepted.
std::u32string code_points(std::string_view s);
void append_utf8(std::string& out, char32_t cp);
inline bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
// 's' in single quotes, as messages show what the person typed.
inline std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }
// 0 to 999 written in plain digits, nothing else.
std::optional<int> small_number(std::string_view text);

}  // namespace classbook::domain::roster_chars
