// behaviour: validation of the weekly conduct note and the class-teacher-only rule for writing it.
#include "behaviour.hpp"

#include <algorithm>

#include "text.hpp"

namespace classbook::domain {

std::optional<std::string> check_behaviour_note(std::string_view text) {
  const auto length = utf8_length(text);
  if (!length) return "The note is not valid text; paste it again or retype it.";
  if (is_blank(text)) return "The note is empty; write a few words about the pupil's week.";
  if (*length > max_behaviour_note_chars) {
    return "The note has " + std::to_string(*length) + " characters; shorten it to at most " +
           std::to_string(max_behaviour_note_chars) + ".";
  }
  return std::nullopt;
}

Decision may_write_behaviour_note(const Actor& actor, long long pupil_class_id) {
  const bool class_teacher = actor.role == Role::teacher && pupil_class_id > 0 &&
                             std::find(actor.homeroom_classes.begin(), actor.homeroom_classes.end(),
                                       pupil_class_id) != actor.homeroom_classes.end();
  if (class_teacher) return Decision{true, {}};
  return Decision{false, "Only the class teacher of the pupil's class writes the weekly behaviour note."};
}

}  // namespace classbook::domain
