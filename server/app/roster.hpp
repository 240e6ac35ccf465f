// roster: the school office's use cases — classes, pupils, guardians and their links, staff and
// teaching, accounts with one-time passwords, the CSV import of a new intake. Changes are the
// secretary's (domain Action::manage_roster); a class's list and a pupil's guardians are also the
// director's and the class teacher's (read_class_overview). Every change writes its audit entry and
// its outbox row for the city portal in the same writer job.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"
#include "domain/roster.hpp"

namespace classbook::app {

constexpr int max_guardians_found = 50;
constexpr std::size_t min_guardian_query_chars = 2;
constexpr std::size_t max_leave_reason_chars = 300;
constexpr int max_leave_date_distance_days = 366;  // a leaving date is within a year of today

// A field of a change: absent keeps the value, null clears it, a value replaces it.
template <class T>
using Edit = std::optional<std::optional<T>>;

// Changes of rights — a child linked or unlinked, teaching given or taken, a class teacher replaced —
// end no session: after every roster write the HTTP layer has Sessions re-read each session's rights
// (refresh_rights). A pupil who leaves has the account disabled and its sessions deleted.

// What the office prints and hands over: shown once, never stored in the clear.
struct LoginSlip {
  std::string login;
  std::string one_time_password;
  std::string name;  // "Анна Иванова"
  domain::Role role = domain::Role::student;
};

// --- classes ---
struct NewClass {
  std::string name;  // "5А"
  std::optional<std::string> profile;
  std::optional<std::string> class_teacher_id;  // teacher uuid
};
struct ClassChange {
  std::string class_id;
  std::optional<std::string> name;  // a class moving up a grade in September: "5А" → "6А"
  Edit<std::string> profile;
  Edit<std::string> class_teacher_id;
};
struct ChangedClass {
  store::ClassRecord klass;
};
struct ClassList {
  store::ClassRecord klass;
  std::vector<store::PupilRecord> pupils;
  bool office = false;  // the reader manages the roster: cards are shown
};
Result<std::vector<store::ClassRecord>> list_classes(Context& ctx, const domain::Actor& actor);
Result<ClassList> list_pupils(Context& ctx, const domain::Actor& actor, std::string_view class_id, bool with_left);
void create_class(Context& ctx, const domain::Actor& actor, NewClass in, Reply<store::ClassRecord> reply);
void change_class(Context& ctx, const domain::Actor& actor, ClassChange in, Reply<ChangedClass> reply);

// --- pupils ---
struct NewPupil {
  std::string last_name, first_name;
  std::optional<std::string> middle_name;
  std::optional<std::string> birth_date;  // "2014-03-01"
  std::string class_id;
  std::optional<long long> group_no;
  std::optional<std::string> card;
};
struct EnrolledPupil {
  store::PupilRecord pupil;
  LoginSlip slip;
};
struct PupilChange {
  std::string student_id;
  std::optional<std::string> last_name, first_name;
  Edit<std::string> middle_name, birth_date, card;
  std::optional<std::string> class_id;
  std::optional<long long> group_no;
};
struct Leaving {
  std::string student_id;
  std::string left_on;  // the school date
  std::optional<std::string> reason;
};
struct LeftPupil {
  store::PupilRecord pupil;
};
struct PupilFile {
  store::PupilRecord pupil;
  std::vector<store::GuardianLink> guardians;
  bool office = false;
};
Result<PupilFile> get_pupil(Context& ctx, const domain::Actor& actor, std::string_view student_id);
void enrol_pupil(Context& ctx, const domain::Actor& actor, NewPupil in, Reply<EnrolledPupil> reply);
void change_pupil(Context& ctx, const domain::Actor& actor, PupilChange in, Reply<store::PupilRecord> reply);
// The pupil stays with every mark and attendance row; the account is disabled and its sessions
// end; the entrance card is freed for another pupil.
void pupil_leaves(Context& ctx, const domain::Actor& actor, Leaving in, Reply<LeftPupil> reply);

// --- the school's pupils: the office's list (issue 12) ---
constexpr int max_school_pupils_listed = 5000;  // a whole school on one box (ARCHITECTURE: 5,000 pupils)
constexpr int max_school_pupils_scanned = 20000;  // a search reads at most this many rows (with those who left)
struct PupilSearch {
  std::string query;     // part of a name (case and ё aside), or a card number; "" for everyone
  std::string class_id;  // a class's uuid; "" for every class
  bool with_left = false;
};
struct SchoolPupils {
  std::vector<store::PupilListing> pupils;  // by class (grade, letter), then name
  bool office = false;                      // the reader manages the roster: cards are shown
  bool truncated = false;                   // more matched than max_school_pupils_listed
};
// The office's, and the director's to read. A query that reads as a card number ("04A1B2C3", as the
// reader shows it) finds the card's holder as well as names holding those letters.
Result<SchoolPupils> list_school_pupils(Context& ctx, const domain::Actor& actor, const PupilSearch& in);

// --- guardians ---
struct NewGuardian {
  std::string last_name, first_name;
  std::optional<std::string> middle_name, phone, email;
};
struct EnrolledGuardian {
  store::GuardianRecord guardian;
  LoginSlip slip;
};
struct GuardianChange {
  std::string guardian_id;
  std::optional<std::string> last_name, first_name;
  Edit<std::string> middle_name, phone, email;
};
// By part of the name or by the phone; the office's way to find a guardian's id.
Result<std::vector<store::GuardianRecord>> find_guardians(Context& ctx, const domain::Actor& actor, std::string_view query);
Result<std::vector<store::GuardianLink>> guardians_of(Context& ctx, const domain::Actor& actor, std::string_view student_id);
void add_guardian(Context& ctx, const domain::Actor& actor, NewGuardian in, Reply<EnrolledGuardian> reply);
void change_guardian(Context& ctx, const domain::Actor& actor, GuardianChange in, Reply<store::GuardianRecord> reply);
void link_guardian(Context& ctx, const domain::Actor& actor, std::string student_id, std::string guardian_id,
                   std::string relation, Reply<store::GuardianLink> reply);
void unlink_guardian(Context& ctx, const domain::Actor& actor, std::string student_id, std::string guardian_id,
                     Reply<Ok> reply);

// --- staff, subjects, teaching ---
struct NewTeacher {
  std::string last_name, first_name;
  std::optional<std::string> middle_name, phone, email;
};
struct TeacherChange {
  std::string teacher_id;
  std::optional<std::string> last_name, first_name;
  Edit<std::string> middle_name, phone, email;
};
struct EnrolledTeacher {
  store::TeacherRecord teacher;
  LoginSlip slip;
};
struct TeachingKey {
  std::string class_id, subject_id, teacher_id;  // uuids
};
Result<std::vector<store::TeacherRecord>> list_teachers(Context& ctx, const domain::Actor& actor);
Result<std::vector<store::SubjectRecord>> list_subjects(Context& ctx);  // for every signed-in user's choices
Result<std::vector<store::TeachingRecord>> list_teaching(Context& ctx, const domain::Actor& actor, std::string_view class_id);
// Who teaches what in every class, for the school-wide "who teaches what" screen: office and director.
Result<std::vector<store::TeachingRecord>> list_school_teaching(Context& ctx, const domain::Actor& actor);
void add_teacher(Context& ctx, const domain::Actor& actor, NewTeacher in, Reply<EnrolledTeacher> reply);
// Names and contacts, as change_guardian: absent keeps, null clears middle_name, phone and email. The
// account's display name follows a new name; the login stays.
void change_teacher(Context& ctx, const domain::Actor& actor, TeacherChange in, Reply<store::TeacherRecord> reply);
void assign_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<store::TeachingRecord> reply);
void remove_teaching(Context& ctx, const domain::Actor& actor, TeachingKey in, Reply<Ok> reply);

// --- the CSV import of a new intake (columns: domain::roster_csv_columns) ---
struct ImportedAccount {
  int line = 0;            // the file's line the person came from
  std::string person_id;   // the new pupil's or guardian's uuid
  std::string class_name;  // the pupil's class, or the child's for a guardian
  LoginSlip slip;
};
struct ClassCount {
  std::string class_name;
  int pupils = 0;
};
// All or nothing: when `problems` is not empty nothing was written and it lists every bad line and
// field; otherwise every pupil (and every new guardian) was written with an account.
struct ImportReport {
  std::vector<domain::RowProblem> problems;
  int pupils = 0;
  int guardians_created = 0;
  int guardians_linked = 0;  // already known (same names and phone) and linked to the new child
  std::vector<ClassCount> classes;  // pupils per class, in the order the file first names them
  std::vector<ImportedAccount> accounts;
  bool dry_run = false;
};
// `dry_run`: the same checks, the same problems, and the counts a real import would make now — with
// nothing written, no account opened and no password made (the answer comes from a reader, not the
// writer). The roster may still change before the file is sent for real; that import checks again.
void import_roster(Context& ctx, const domain::Actor& actor, std::string csv, Reply<ImportReport> reply,
                   bool dry_run = false);

}  // namespace classbook::app
