// policy: who may do what to whom — the one authorization rule every use case asks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

// api_client: a OneRoster API client registered by the administrator (app/api_clients.hpp). Its account
// row exists so the audit trail names the client; it never signs in and the policy allows it nothing —
// what a client may read or write is its OAuth scopes, checked by the route table.
enum class Role { student, guardian, teacher, secretary, director, admin, kiosk, api_client };
const char* to_string(Role r);
bool parse_role(const std::string& s, Role& out);
// Whether an account of this role signs in and holds sessions: people do; a kiosk's and an API
// client's account rows only name them in the audit trail and never open a session.
constexpr bool signs_in(Role r) { return r != Role::kiosk && r != Role::api_client; }

struct Teaching {
  long long class_id = 0;
  long long subject_id = 0;
};

// The one asking. Ids are internal person/class/subject ids resolved at sign-in.
struct Actor {
  long long user_id = 0;
  Role role = Role::student;
  long long person_id = 0;                 // the student, guardian or staff member behind the account
  std::vector<long long> children;         // guardian: own children's student ids
  std::vector<Teaching> teaches;           // teacher: class × subject pairs taught
  std::vector<long long> homeroom_classes; // teacher: classes where the actor is class teacher
  bool hall_kiosk = false;                 // kiosk: a hall kiosk, which shows diaries behind a PIN
};

enum class Action {
  read_student,        // diary, grades, attendance of one pupil
  write_student_notice,// absence notice, weekly acknowledgement (guardian of that child)
  read_class_journal,  // the journal of a class in a subject
  write_class_journal, // marks, attendance, topic, homework for a class in a subject
  read_class_overview, // everything of one class (class teacher)
  manage_roster,       // pupils, guardians, classes, credentials
  manage_timetable,    // bell schedules, the weekly timetable, per-date changes, lessons from them
  reset_credentials,   // reset an account's password (pupils and guardians by the office, staff by the admin)
  read_all,            // reports, audit trail
  operate_box,         // backups, kiosks, sync settings, the box's own figures
  record_tap,          // entrance taps
  manage_kiosks,       // enrolment codes, revoking kiosks
  read_kiosks,         // the list of kiosks
  read_security_log,   // card anomalies at the entrances
  set_kiosk_pin,       // a pupil's PIN for the hall kiosk
  open_diary_at_kiosk, // a pupil's diary on a hall kiosk, once the pupil's PIN is right
  print_class_records, // a class's attendance report, or its journal of a subject (target.subject_id), as paper
  use_printers,        // send documents to the school's printers (the document itself is checked as its read)
  handle_access_applications,  // register, approve and deny applications for access to the diary
  read_access_applications,    // the register of those applications and their printed decisions
  manage_accounts,     // find accounts, disable and enable them, see and end their sessions
  manage_school,       // the school's name, year, terms, grade scale, work types and their weights
  manage_school_life,  // school events and clubs: create, edit, cancel; club members
  manage_api_clients,  // register, list and revoke OneRoster API clients (the administrator)
};
const char* to_string(Action a);  // "read_student", … — for logs and the audit trail

// The object of an action, as far as the policy needs it.
struct Target {
  long long student_id = 0;  // read_student, write_student_notice, reset_credentials
  long long class_id = 0;    // the pupil's class, or the class of a journal
  long long subject_id = 0;  // journal actions
  long long lesson_teacher_id = 0;  // actions on one lesson: who gives it (a substitute included)
  // write_class_journal beyond the current assignment is limited in time: the caller fills these
  // from the store and the clock. Without `today` no time-limited right applies.
  std::optional<Date> lesson_date;          // the lesson written to; none for a term grade
  std::optional<Date> assignment_ended_on;  // when the actor stopped teaching this class × subject
  std::optional<Date> today;                // the school's local date now
  int grace_days = 0;                       // the school's journal_grace_days
  Role account_role = Role::student;  // reset_credentials: the role of the account whose password is reset
};

// How long a substitute may still write in the lesson given, and a former teacher in the journal
// left, counted in calendar days after the lesson or the end of the assignment: a week covers
// marking a test taken on the last day and an absence noted late.
constexpr int default_journal_grace_days = 7;

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, for a person ("guardians see only their own children")
  explicit operator bool() const { return allowed; }
};

// The rules, by role; anything not listed is denied.
// - student: read_student and set_kiosk_pin of the self (target.student_id == person_id).
// - guardian: read_student, write_student_notice and set_kiosk_pin of own children.
// - teacher: read_class_journal and write_class_journal for a class × subject taught now; besides,
//   write_class_journal until grace_days after the later of the lesson's day and the end of the
//   teacher's assignment on a lesson the teacher gives (target.lesson_teacher_id: a substitution,
//   or a lesson given before the assignment ended), and until grace_days after the end of the
//   assignment for writes that belong to no lesson (term grades). Nothing older: a former or
//   substitute teacher does not keep write rights to every lesson ever given;
//   read_student of pupils in a class taught (any subject) or a homeroom class;
//   read_class_overview for homeroom classes; reset_credentials of a homeroom class's pupil's or
//   guardian's account (target.account_role student or guardian). A class teacher sees the other
//   subjects of the class through the overview, not through their journals.
// - print_class_records: the class teacher; for a subject's journal (target.subject_id) also whoever
//   teaches it in the class; the office (the school's paper archive) and the director for any class.
// - use_printers: staff who read documents — teachers, the office, the director (pupils and guardians
//   print their extract at a hall kiosk; the administrator reads nothing to print).
// - handle_access_applications: the secretary (the regulation puts the office in charge of them);
//   read_access_applications: the secretary and the director, who answers for the time limits.
// - secretary: manage_roster, manage_timetable, manage_school_life, read_security_log, print_class_records; reset_credentials of any pupil's
//   or guardian's account, never of staff (who could then sign in as a teacher). The secretary does NOT get
//   read_student: the office keeps accounts, not marks, and needs no diary to reissue a password.
// - manage_school: the director alone — a weight or a term moves every pupil's averages, which is the
//   head of the school's decision, not the office's.
// - manage_school_life: the secretary (the office keeps the school's calendar and its clubs) and the director.
// - director: read_all, read_student, read_class_journal, read_class_overview, read_kiosks,
//   read_security_log for everything; changes nothing.
// - admin: operate_box, manage_kiosks, read_kiosks, read_security_log, manage_accounts (every
//   account: who has one, disabling, sessions — none of it shows marks), reset_credentials of staff
//   read_security_log for everything; manage_school and manage_school_life; changes no journal,
//   roster or timetable.
// - admin: operate_box, manage_kiosks, read_kiosks, read_security_log, reset_credentials of staff
//   accounts (teacher, secretary, director, admin); running the machine gives no
//   right to read marks.
// - kiosk: record_tap; a hall kiosk (actor.hall_kiosk) also open_diary_at_kiosk — the use case
//   checks the pupil's PIN first, so the kiosk never reads a diary on its own authority.
// - manage_api_clients: the administrator alone (registering a client lets pupils' data leave the box).
// - api_client: nothing — a OneRoster client's reach is the scopes of its token, which the route
//   table checks; its account exists only so the audit trail names it.
// Ids match only when positive: 0 means "not resolved" and never matches, so an unfilled Target
// is never someone's own. The caller fills Target.class_id with the pupil's class from the store,
// never from the request.
Decision decide(const Actor& actor, Action action, const Target& target);

}  // namespace classbook::domain
