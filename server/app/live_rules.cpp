// live_rules: the per-event read check. Each rule is the API's own for the thing changed.
#include "app/live_rules.hpp"

#include <algorithm>

namespace classbook::app {
namespace {

using domain::Action;
using domain::Role;

bool linked_to(const LiveReader& r, Id class_id) {
  return std::binary_search(r.classes.class_ids.begin(), r.classes.class_ids.end(), class_id);
}

}  // namespace

bool may_hear(const LiveReader& r, const store::Change& c) {
  switch (c.scope) {
    case store::ChangeScope::pupils:
      // GET /students/{id}/diary, /grades, …: read_student of the pupil, by the pupil's class.
      return std::any_of(c.students.begin(), c.students.end(), [&](Id s) {
        return domain::decide(r.actor, Action::read_student, {s, c.class_id, 0}).allowed;
      });
    case store::ChangeScope::class_journal: {
      // The class's journal in the subject (its teachers, the director), or the diary of any of its
      // pupils, which shows every subject's lessons: their pupils, guardians and other teachers.
      domain::Target journal;
      journal.class_id = c.class_id;
      journal.subject_id = c.subject_id;
      if (domain::decide(r.actor, Action::read_class_journal, journal)) return true;
      const bool reads_pupils = r.actor.role == Role::student || r.actor.role == Role::guardian || r.actor.role == Role::teacher;
      return reads_pupils && c.class_id > 0 && linked_to(r, c.class_id);
    }
    case store::ChangeScope::class_news:
      // GET /announcements: the school-wide ones for everyone, a class's for its people and the office.
      if (c.class_id <= 0 || r.classes.all_classes) return true;
      return linked_to(r, c.class_id);
    case store::ChangeScope::accounts:
      return std::find(c.accounts.begin(), c.accounts.end(), r.user_id) != c.accounts.end();
    case store::ChangeScope::office:
      // What only the office's pages act on (a card tapped at the desk reader, to be given to a pupil).
      return domain::decide(r.actor, Action::manage_roster, {}).allowed;
  }
  return false;
}

}  // namespace classbook::app
