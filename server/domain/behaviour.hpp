// behaviour: the class teacher's weekly note on a pupil's conduct — what it may say and who writes it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "policy.hpp"

namespace classbook::domain {

constexpr std::size_t max_behaviour_note_chars = 1000;  // characters (code points), not bytes

// None when the note is valid UTF-8, not blank and 1..max_behaviour_note_chars characters long;
// else what to change. White space counts towards the length: it is what the parent will read.
std::optional<std::string> check_behaviour_note(std::string_view text);

// Only the class teacher of the pupil's class writes the note: the one adult who sees the pupil
// across every subject. Subject teachers, the office and the director do not; they tell the class
// teacher. `pupil_class_id` comes from the store, never from the request; 0 never matches.
Decision may_write_behaviour_note(const Actor& actor, long long pupil_class_id);

}  // namespace classbook::domain
