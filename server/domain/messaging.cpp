// messaging: the rule for starting threads and posting announcements, by role, with reasons for people.
#include "messaging.hpp"

#include <algorithm>

#include "decision_helpers.hpp"
#include "text.hpp"

namespace classbook::domain {

namespace {

using detail::allow;
using detail::allow_if;
using detail::deny;
using detail::has_id;
using detail::same_id;

bool share_a_class(const std::vector<long long>& a, const std::vector<long long>& b) {
  return std::any_of(a.begin(), a.end(), [&b](long long id) { return has_id(b, id); });
}

std::vector<long long> classes_of_teacher(const Actor& a) {
  std::vector<long long> classes = a.homeroom_classes;
  for (const Teaching& t : a.teaches) classes.push_back(t.class_id);
  return classes;
}

bool is_office(Role r) { return r == Role::secretary || r == Role::director; }
bool is_staff(Role r) { return r == Role::teacher || is_office(r); }

// Kiosks and the administrator are settled before the roles below are asked.
Decision from_teacher(const Actor& a, const Correspondent& to) {
  if (is_staff(to.role)) return allow();
  return allow_if(share_a_class(classes_of_teacher(a), to.class_ids),
                  "Teachers write only to pupils and guardians of the classes they teach or lead.");
}

Decision from_guardian(const Correspondent& to, const std::vector<long long>& children_classes) {
  if (is_office(to.role)) return allow();
  const char* why =
      "Guardians write only to the teachers of their children's classes, the secretary and the director.";
  if (to.role == Role::teacher) return allow_if(share_a_class(children_classes, to.class_ids), why);
  return deny(why);
}

Decision from_student(const Correspondent& to, const std::vector<long long>& own_class) {
  const char* why = "Pupils write only to the teachers of their own class.";
  return allow_if(to.role == Role::teacher && share_a_class(own_class, to.class_ids), why);
}

std::optional<std::string> check_text(std::string_view text, std::size_t limit, const std::string& what,
                                      const char* what_if_empty, const char* how_to_shorten) {
  const auto length = utf8_length(text);
  if (!length) return what + " is not valid text; paste it again or retype it.";
  if (is_blank(text)) return what + " is empty; " + what_if_empty;
  if (*length > limit) {
    return what + " has " + std::to_string(*length) + " characters; shorten it to at most " +
           std::to_string(limit) + how_to_shorten;
  }
  return std::nullopt;
}

}  // namespace

Decision may_start_thread(const Actor& from, const Correspondent& to,
                          const std::vector<long long>& from_classes) {
  if (from.role == Role::kiosk) return deny("A kiosk cannot send messages.");
  if (to.role == Role::kiosk) return deny("Kiosks do not receive messages.");
  if (from.role == Role::api_client || to.role == Role::api_client) return deny("API clients neither send nor receive messages.");
  if (from.role == Role::admin) {
    return allow_if(to.role == Role::director, "The administrator writes only to the director.");
  }
  if (to.role == Role::admin && from.role != Role::director) {
    return deny("Only the director writes to the administrator; report problems with the system through "
                "an appeal.");
  }
  switch (from.role) {
    case Role::teacher: return from_teacher(from, to);
    case Role::secretary:
    case Role::director: return allow();
    case Role::guardian: return from_guardian(to, from_classes);
    case Role::student: return from_student(to, from_classes);
    case Role::admin:
    case Role::kiosk:
    case Role::api_client: break;  // decided above
  }
  return deny("This account cannot start conversations.");
}

Decision may_announce(const Actor& actor, std::optional<long long> class_id) {
  if (class_id && *class_id <= 0) return deny("The announcement names no class; choose the class again.");
  switch (actor.role) {
    case Role::secretary:
    case Role::director: return allow();
    case Role::teacher:
      if (!class_id) return deny("Only the director and the secretary announce to the whole school.");
      return allow_if(has_id(classes_of_teacher(actor), *class_id),
                      "Teachers announce only to the classes they teach or lead.");
    default: return deny("Only teachers, the secretary and the director make announcements.");
  }
}

std::optional<std::string> check_message_body(std::string_view text) {
  return check_text(text, max_message_chars, "The message", "write something before sending.",
                    " or send the rest in a second message.");
}

std::optional<std::string> check_message_subject(std::string_view text) {
  if (auto problem = check_text(text, max_subject_chars, "The subject",
                                "say in a few words what the message is about.", ".")) {
    return problem;
  }
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    return "The subject must fit on one line; remove the line breaks.";
  }
  return std::nullopt;
}

}  // namespace classbook::domain
