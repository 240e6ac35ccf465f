// text: what the checks of typed text need — UTF-8 validity, length in characters, blankness.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace classbook::domain {

// The number of code points in well-formed UTF-8; none for anything else (stray continuation
// bytes, truncated sequences, overlong forms, surrogates, values above U+10FFFF). Limits people
// read as "characters" are counted this way, so "Иванов" is 6, not the 12 bytes it takes.
std::optional<std::size_t> utf8_length(std::string_view text);

// True when the text holds nothing but Unicode white space (spaces, tabs, line breaks, the
// no-break and ideographic spaces, …), or nothing at all. Text that is not valid UTF-8 is not blank.
bool is_blank(std::string_view text);

}  // namespace classbook::domain
