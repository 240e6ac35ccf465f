// messaging: who may start a thread with whom, who may announce to a class or the school, message limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy.hpp"

namespace classbook::domain {

constexpr std::size_t max_message_chars = 5000;  // characters (code points), not bytes
constexpr std::size_t max_subject_chars = 200;

// The other end of a new thread, as the rule needs it. The caller fills it from the store.
struct Correspondent {
  Role role = Role::student;
  // The classes the person is linked to: a guardian's children's classes; a teacher's classes
  // taught and led; a pupil's own class. Other roles need none.
  std::vector<long long> class_ids;
};

// May `from` start a new thread with `to`? Anything not listed is denied. "Linked" means the two
// share a class; ids match only when positive, as in the policy.
// - teacher: to pupils and guardians linked to a class the teacher teaches or leads; to teachers,
//   the secretary and the director.
// - secretary, director: to pupils, guardians, teachers, the secretary and the director.
// - director and administrator: to each other; nobody else writes to or from the administrator,
//   whose job is the machine, not the school (problems with the system go through an appeal).
// - guardian: to teachers linked to a child's class (class teachers included), the secretary and
//   the director.
// - student: to teachers linked to the own class.
// - kiosk: neither writes nor is written to.
// `from_classes` are the sender's classes the Actor does not hold: a guardian's children's classes
// or a pupil's own class, resolved from the store, never from the request. A teacher's classes
// come from the Actor (teaches and homeroom_classes); other roles need none.
// Replies inside an existing thread are not this rule's business: its members may always answer.
Decision may_start_thread(const Actor& from, const Correspondent& to,
                          const std::vector<long long>& from_classes);

// May `actor` post an announcement to `class_id`, or to the whole school when it is none?
// Director and secretary: the school or any class. Teacher: a class led or taught. Others: never.
// A class id of 0 or less is not a class and is refused, so a missing id never means "everyone".
Decision may_announce(const Actor& actor, std::optional<long long> class_id);

// None when fine, else what to change: valid UTF-8, not blank, at most the limit in characters;
// a subject is also one line.
std::optional<std::string> check_message_body(std::string_view text);
std::optional<std::string> check_message_subject(std::string_view text);

}  // namespace classbook::domain
