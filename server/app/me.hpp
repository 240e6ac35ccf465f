// me: what the signed-in person sees about themselves (GET /api/v1/me) — children, own class and
// subjects taught, classes led — as a view, so http/ never reads the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct ClassRefView {
  std::string id;  // uuid
  std::string name;
};

struct MeView {
  std::vector<store::StudentBrief> children;      // guardian
  std::optional<store::StudentBrief> student;     // student: the self
  std::vector<store::TeachingBrief> teaches;      // teacher: class × subject taught
  std::vector<ClassRefView> class_teacher_of;     // teacher: classes led
  std::string teacher_id;                         // teacher: the own uuid, as timetables name teachers
  // Guardian and teacher: the contacts the school holds (the office corrects them); none when unset.
  bool holds_contacts = false;
  std::optional<std::string> phone, email;
};

// The family of `actor` by role; the rest of /me (login, name, CSRF token) is the session's.
Result<MeView> about_me(Context& ctx, const domain::Actor& actor);

}  // namespace classbook::app
