// roster_plan: what the portal sent against what the box holds — the changes to make, and each item
// the box refuses with its reason. Pure (no I/O): the conflict rules of docs/sync.md § "Conflicts" live
// here and nowhere else, so both the online pull and `classbookctl import` settle a conflict one way.
// The writer (roster_apply.hpp) makes the changes in one writer job.
//
// The portal owns the roster, the school owns the journal: no step deletes a row — a pupil who
// left keeps every mark, a class closed keeps its lessons.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "store/portal_links.hpp"
#include "sync/oneroster/model.hpp"

namespace classbook::sync {

// What the portal sent in one read (a whole read or a delta), each item already parsed alone; the
// same sourcedId twice means the later one (the portal lists in dateLastModified order).
struct PortalRoster {
  std::vector<oneroster::Org> orgs;
  std::vector<oneroster::AcademicSession> academic_sessions;
  std::vector<oneroster::Course> courses;
  std::vector<oneroster::Class> classes;
  std::vector<oneroster::User> users;
  std::vector<oneroster::Enrollment> enrollments;
  std::vector<oneroster::Demographics> demographics;
};

// One item the box does not apply, with why, in words the portal's operator can act on.
struct RosterRefusal {
  std::string collection;  // "users", "classes", "enrollments", …
  std::string sourced_id;  // "" when the item had none readable
  std::string code;        // "roster.two_classes", or the parse's "oneroster.not_in_vocabulary"
  std::string reason;
  friend bool operator==(const RosterRefusal&, const RosterRefusal&) = default;
};

// create: a new row; update: a linked row's fields; link: an existing row of the box found to be the
// portal's object (linked, its fields as update, and told back to the portal); leave: a pupil left,
// a class closed, a teacher or guardian gone (their account is disabled).
enum class StepKind { create, update, link, leave };
const char* to_string(StepKind k);

struct ClassStep {
  StepKind kind = StepKind::create;
  std::string sourced_id;
  std::string uuid;  // the box's; "" for create
  std::string name;  // "5А"
  int grade = 0;
  std::string letter;
};

// A pupil, guardian or teacher as they should be after the step.
struct PersonStep {
  StepKind kind = StepKind::create;
  std::string sourced_id;
  std::string uuid;  // the box's; "" for create
  std::string last_name, first_name, middle_name;
  std::optional<std::string> birth_date;  // pupils
  std::optional<std::string> phone, email;
  // Pupils: the class, by the box's uuid, or (a class created by this plan) only by its sourcedId.
  std::string class_uuid, class_sourced_id;
};

// A guardian linked to (add) or unlinked from a pupil. Either side is named by the box's uuid, or —
// created by this plan — by its sourcedId only.
struct GuardianLinkStep {
  bool add = true;
  std::string pupil_uuid, pupil_sourced_id;
  std::string guardian_uuid, guardian_sourced_id;
  std::string relation;  // domain::guardian_relations
};

// A subject taken from a course a teacher's class × subject names: made from the course (create), or
// the box's subject of the same name found to be it (link, told back to the portal).
struct SubjectStep {
  StepKind kind = StepKind::create;  // create | link
  std::string course_sourced_id;
  std::string uuid;  // the box's; "" for create
  std::string name, short_name;
};

// A teacher who teaches a subject in a class (add) or no longer does (remove). Each side is named by
// the box's uuid or — made by this plan — by its sourcedId: the homeroom class's, the course's (the
// course that made the subject), the teacher's. The names are for the log and --dry-run.
struct TeachingStep {
  bool add = true;
  std::string enrollment_sourced_id;
  std::string class_uuid, class_sourced_id;
  std::string subject_uuid, course_sourced_id;
  std::string teacher_uuid, teacher_sourced_id;
  std::string class_name, subject_name, teacher_name;
};

struct RosterPlan {
  std::vector<ClassStep> classes;
  std::vector<PersonStep> teachers, guardians, pupils;
  std::vector<GuardianLinkStep> guardian_links;
  std::vector<SubjectStep> subjects;
  std::vector<TeachingStep> teaching;
  std::vector<RosterRefusal> refused;
  // Told, not refused: the portal's terms that are none of the box's (the box keeps its own terms).
  std::vector<std::string> notes;
  std::size_t not_kept = 0;   // items the box has no place for: class × subject, staff, a class teacher's enrollment
  std::size_t kept_left = 0;  // pupils the office recorded as left whom the portal still lists
  std::size_t changes() const;
};

// A subject made from a course: its name is the course's title, its short name the courseCode when
// one of at most this many characters is given (else the title).
constexpr std::size_t max_subject_name_chars = 100;
constexpr std::size_t max_subject_short_name_chars = 20;

// The box's entity words in portal_links.
constexpr const char* class_entity = "class";
constexpr const char* pupil_entity = "pupil";
constexpr const char* guardian_entity = "guardian";
constexpr const char* teacher_entity = "teacher";
constexpr const char* subject_entity = "subject";  // its sourcedId: a course's

RosterPlan plan_roster(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links);

// The plan's second half (roster_teaching.cpp): teacher enrollments as `teaching` rows, and the
// subjects they need. Reads the class and teacher steps `plan` already holds.
void plan_teaching(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links,
                   RosterPlan& plan);

// The box keeps its own terms (the office sets them): the portal's active terms that match none of
// them (same first day; the portal's endDate is the day after the box's last) are told, never applied.
std::vector<std::string> term_notes(const std::vector<oneroster::AcademicSession>& sessions,
                                    const std::vector<store::RosterTermRow>& box_terms);

// The org the box syncs for (client.json's "school"), as the portal sent it (nullptr: not at all):
// sync.school_unknown when absent, sync.school_not_a_school when its type is not school or it is
// tobedeleted. The roster is not applied then: it might be another school's.
classbook::Status check_school_org(const oneroster::Org* org, const std::string& school);

// One line a change ("pupil create u-17 Иванова Анна → 5А"), for --dry-run and the sync log (the
// notes are not changes: the caller tells them apart).
std::vector<std::string> describe(const RosterPlan& plan);

}  // namespace classbook::sync
