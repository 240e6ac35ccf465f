// policy: one function per role answering "may this actor do this to this object", with a reason for people.
#include "policy.hpp"

#include "decision_helpers.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace classbook::domain {

namespace {

using detail::allow;
using detail::allow_if;
using detail::deny;
using detail::has_id;
using detail::same_id;

constexpr std::array roles{Role::student,  Role::guardian, Role::teacher, Role::secretary,
                           Role::director, Role::admin,    Role::kiosk,   Role::api_client};

bool teaches_class(const Actor& a, long long class_id) {
  return std::any_of(a.teaches.begin(), a.teaches.end(),
                     [class_id](const Teaching& t) { return same_id(t.class_id, class_id); });
}

bool teaches_subject_in(const Actor& a, long long class_id, long long subject_id) {
  return std::any_of(a.teaches.begin(), a.teaches.end(), [&](const Teaching& t) {
    return same_id(t.class_id, class_id) && same_id(t.subject_id, subject_id);
  });
}

// The time-limited write rights of a teacher who does not teach the class × subject now: in a
// lesson the teacher gives, or (no lesson: a term grade) in a journal the teacher used to keep.
Decision decide_teacher_late_write(const Actor& a, const Target& t) {
  const Decision no = deny("Teachers write only in the journals of the classes and subjects they teach, or in a lesson they give.");
  if (!t.today) return no;
  const bool on_lesson = t.lesson_teacher_id > 0 || t.lesson_date;
  if (on_lesson && (!same_id(a.person_id, t.lesson_teacher_id) || !t.lesson_date)) return no;
  if (!on_lesson && !t.assignment_ended_on) return no;
  // The right runs from the lesson or the end of the assignment, whichever is later.
  Date from = on_lesson ? *t.lesson_date : *t.assignment_ended_on;
  if (t.assignment_ended_on && from < *t.assignment_ended_on) from = *t.assignment_ended_on;
  const Date last = add_days(from, t.grace_days);
  if (!(last < *t.today)) return allow();
  const bool after_lesson = on_lesson && from == *t.lesson_date;
  return deny("This journal was open to you until " + format_date(last) + ", " + std::to_string(t.grace_days) +
              " days after " + (after_lesson ? "the lesson" : "your teaching of this class ended") +
              "; ask the class's teacher or the office to make the change.");
}

bool is_class_teacher_of(const Actor& a, long long class_id) {
  return has_id(a.homeroom_classes, class_id);
}

// Who may do `action` at all, said to someone whose role never may.
const char* only_who_may(Action action) {
  switch (action) {
    case Action::read_student:
      return "Only the pupil, the pupil's guardians and teachers, and the director can see a pupil's diary.";
    case Action::write_student_notice:
      return "Only a pupil's guardian can send an absence notice or sign the week.";
    case Action::read_class_journal:
      return "Only the teachers of this class and subject and the director can read its journal.";
    case Action::write_class_journal:
      return "Only a teacher of this class and subject can change its journal.";
    case Action::read_class_overview:
      return "Only the class teacher and the director can see a class overview.";
    case Action::manage_roster:
      return "Only the secretary manages pupils, guardians and classes.";
    case Action::manage_timetable:
      return "Only the school office changes bells, the timetable and its changes.";
    case Action::reset_credentials:
      return "Only the secretary or the pupil's class teacher can reset a pupil's or guardian's password; "
             "only the administrator resets staff passwords.";
    case Action::read_all:
      return "Only the director can see school-wide reports and the audit trail.";
    case Action::operate_box:
      return "Only the administrator runs backups, kiosks and sync settings.";
    case Action::record_tap:
      return "Only an entrance kiosk records taps.";
    case Action::manage_kiosks:
      return "Only the administrator enrols and revokes kiosks.";
    case Action::read_kiosks:
      return "Only the administrator and the director see the list of kiosks.";
    case Action::read_security_log:
      return "Only the director, the administrator and the secretary see the entrances' security log.";
    case Action::set_kiosk_pin:
      return "Only the pupil and the pupil's guardians set the PIN for the hall kiosk.";
    case Action::open_diary_at_kiosk:
      return "Only a hall kiosk shows a pupil's diary, after the pupil's PIN.";
    case Action::print_class_records:
      return "Only the class teacher, the subject's teacher, the school office and the director print a class's "
             "attendance report or journal.";
    case Action::use_printers:
      return "Only teachers, the school office and the director print on the school's printers; pupils and guardians "
             "print their diary extract at a hall kiosk.";
    case Action::handle_access_applications:
      return "Only the secretary registers and decides applications for access to the electronic diary.";
    case Action::read_access_applications:
      return "Only the secretary and the director see applications for access to the electronic diary and their decisions.";
    case Action::manage_accounts:
      return "Only the administrator finds, disables and signs out accounts.";
    case Action::manage_school:
      return "Only the director changes the school's name, year, terms, grade scale and work types.";
    case Action::manage_school_life:
      return "Only the school office and the director create, change and cancel school events and clubs.";
    case Action::manage_api_clients:
      return "Only the administrator registers, lists and revokes the API clients that read the school's data.";
  }
  return "This action is unknown, so it is not allowed.";
}

Decision decide_student(const Actor& a, Action action, const Target& t) {
  if (action == Action::set_kiosk_pin)
    return allow_if(same_id(a.person_id, t.student_id), "Pupils can set only their own PIN.");
  if (action != Action::read_student) return deny(only_who_may(action));
  return allow_if(same_id(a.person_id, t.student_id), "Pupils can see only their own diary.");
}

Decision decide_guardian(const Actor& a, Action action, const Target& t) {
  const bool own_child = has_id(a.children, t.student_id);
  switch (action) {
    case Action::read_student:
      return allow_if(own_child, "Guardians see only their own children.");
    case Action::write_student_notice:
      return allow_if(own_child, "Guardians can send notices and sign the week only for their own children.");
    case Action::set_kiosk_pin:
      return allow_if(own_child, "Guardians can set the PIN only of their own children.");
    default:
      return deny(only_who_may(action));
  }
}

// Pupils' and guardians' accounts: the office and the class teacher hand out their login slips.
bool is_family_account(Role r) { return r == Role::student || r == Role::guardian; }

Decision decide_teacher(const Actor& a, Action action, const Target& t) {
  switch (action) {
    case Action::read_class_journal:
      return allow_if(teaches_subject_in(a, t.class_id, t.subject_id),
                      "Teachers open the journal only of the classes and subjects they teach.");
    case Action::write_class_journal:
      // A substitute is not in `teaching` for the class but gives this one lesson and marks in it,
      // for a while; so does a teacher whose assignment ended.
      if (teaches_subject_in(a, t.class_id, t.subject_id)) return allow();
      return decide_teacher_late_write(a, t);
    case Action::read_student:
      return allow_if(teaches_class(a, t.class_id) || is_class_teacher_of(a, t.class_id),
                      "Teachers see only pupils of the classes they teach.");
    case Action::read_class_overview:
      return allow_if(is_class_teacher_of(a, t.class_id),
                      "Only the class teacher of this class can see its overview.");
    case Action::print_class_records:
      return allow_if(is_class_teacher_of(a, t.class_id) || (t.subject_id > 0 && teaches_subject_in(a, t.class_id, t.subject_id)),
                      "Teachers print the journal of the subjects they teach, and the attendance of the class they lead.");
    case Action::use_printers:
      return allow();
    case Action::reset_credentials:
      return allow_if(is_family_account(t.account_role) && is_class_teacher_of(a, t.class_id),
                      "Teachers can reset passwords only for pupils of their own class; ask the secretary.");
    default:
      return deny(only_who_may(action));
  }
}

Decision decide_secretary(Action action, const Target& t) {
  switch (action) {
    case Action::reset_credentials:
      // A staff password handed to the office would let it sign in as a teacher.
      return allow_if(is_family_account(t.account_role),
                      "The secretary resets pupils' and guardians' passwords only; ask the administrator for staff.");
    case Action::manage_roster:
    case Action::manage_timetable:
    case Action::read_security_log:
    case Action::print_class_records:
    case Action::use_printers:
    case Action::handle_access_applications:
    case Action::read_access_applications:
    case Action::manage_school_life:
      return allow();
    case Action::read_student:
      return deny("The secretary manages accounts but does not see pupils' marks; ask the class teacher.");
    default:
      return deny(only_who_may(action));
  }
}

Decision decide_director(Action action) {
  switch (action) {
    case Action::read_all:
    case Action::read_student:
    case Action::read_class_journal:
    case Action::read_class_overview:
    case Action::read_kiosks:
    case Action::read_security_log:
    case Action::print_class_records:
    case Action::use_printers:
    case Action::read_access_applications:
    case Action::manage_school:
    case Action::manage_school_life:
      return allow();
    default:
      return deny(only_who_may(action));
  }
}

Decision decide_admin(Action action, const Target& t) {
  if (action == Action::reset_credentials)
    return allow_if(!is_family_account(t.account_role) && t.account_role != Role::kiosk && t.account_role != Role::api_client,
                    "The administrator resets staff passwords only; a pupil's or guardian's goes through the office.");
  if (action == Action::operate_box || action == Action::manage_kiosks || action == Action::read_kiosks ||
      action == Action::read_security_log || action == Action::manage_accounts || action == Action::manage_api_clients)
    return allow();
  if (action == Action::read_student || action == Action::read_class_journal ||
      action == Action::read_class_overview || action == Action::read_all) {
    return deny("The administrator runs the box but does not see marks or attendance.");
  }
  return deny(only_who_may(action));
}

Decision decide_kiosk(const Actor& a, Action action) {
  if (action == Action::record_tap) return allow();
  if (action == Action::open_diary_at_kiosk)
    return allow_if(a.hall_kiosk, "This is an entrance kiosk; a pupil's diary is shown only on hall kiosks.");
  return deny(only_who_may(action));
}

}  // namespace

const char* to_string(Role r) {
  switch (r) {
    case Role::student: return "student";
    case Role::guardian: return "guardian";
    case Role::teacher: return "teacher";
    case Role::secretary: return "secretary";
    case Role::director: return "director";
    case Role::admin: return "admin";
    case Role::kiosk: return "kiosk";
    case Role::api_client: return "api_client";
  }
  return "unknown";
}

bool parse_role(const std::string& s, Role& out) {
  for (Role r : roles) {
    if (s == to_string(r)) {
      out = r;
      return true;
    }
  }
  return false;
}

const char* to_string(Action a) {
  switch (a) {
    case Action::read_student: return "read_student";
    case Action::write_student_notice: return "write_student_notice";
    case Action::read_class_journal: return "read_class_journal";
    case Action::write_class_journal: return "write_class_journal";
    case Action::read_class_overview: return "read_class_overview";
    case Action::manage_roster: return "manage_roster";
    case Action::manage_timetable: return "manage_timetable";
    case Action::reset_credentials: return "reset_credentials";
    case Action::read_all: return "read_all";
    case Action::operate_box: return "operate_box";
    case Action::record_tap: return "record_tap";
    case Action::manage_kiosks: return "manage_kiosks";
    case Action::read_kiosks: return "read_kiosks";
    case Action::read_security_log: return "read_security_log";
    case Action::set_kiosk_pin: return "set_kiosk_pin";
    case Action::open_diary_at_kiosk: return "open_diary_at_kiosk";
    case Action::print_class_records: return "print_class_records";
    case Action::use_printers: return "use_printers";
    case Action::handle_access_applications: return "handle_access_applications";
    case Action::read_access_applications: return "read_access_applications";
    case Action::manage_accounts: return "manage_accounts";
    case Action::manage_school: return "manage_school";
    case Action::manage_school_life: return "manage_school_life";
    case Action::manage_api_clients: return "manage_api_clients";
  }
  return "unknown";
}

Decision decide(const Actor& actor, Action action, const Target& target) {
  switch (actor.role) {
    case Role::student: return decide_student(actor, action, target);
    case Role::guardian: return decide_guardian(actor, action, target);
    case Role::teacher: return decide_teacher(actor, action, target);
    case Role::secretary: return decide_secretary(action, target);
    case Role::director: return decide_director(action);
    case Role::admin: return decide_admin(action, target);
    case Role::kiosk: return decide_kiosk(actor, action);
    case Role::api_client:
      return deny("An API client reads and writes only through the OneRoster routes its scopes open.");
  }
  return deny("This account has no known role, so it may do nothing; ask the administrator.");
}

}  // namespace classbook::domain
