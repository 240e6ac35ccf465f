// enrolled_on: the one rule for who is in a class on a date — every class list, journal and count uses it.
#pragma once

#include <string_view>

namespace classbook::store {

// A pupil is in their class on a date unless they had left before it: the day they left (left_on)
// is their last day. SQL over `students s` with one date parameter (YYYY-MM-DD) to bind. Pupils who
// left keep their marks, attendance and history; they only drop out of lists after that day.
constexpr std::string_view enrolled_on_sql = "(s.left_on IS NULL OR s.left_on >= ?)";

}  // namespace classbook::store
