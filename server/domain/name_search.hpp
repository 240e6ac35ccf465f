// name_search: what the office types to find a person — part of a name, any case, ё as е.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

constexpr std::size_t max_name_query_chars = 100;  // longer than any full name: a paste gone wrong

// A typed query made comparable: white space runs as one space, letters in lower case, ё as е
// (Latin and Cyrillic — the names a school meets). None when the text is not UTF-8, empty once
// tidied, or longer than max_name_query_chars.
std::optional<std::string> folded_query(std::string_view typed);

// The same folding for a name kept in the register (always UTF-8): "Семёнова Анна" → "семенова анна".
std::string folded_name(std::string_view name);

// Whether `folded` (folded_name of a full name) holds the folded query: "иван" is in "иванова анна".
bool name_holds(std::string_view folded, std::string_view query);

}  // namespace classbook::domain
