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

struct RosterPlan {
  std::vector<ClassStep> classes;
  std::vector<PersonStep> teachers, guardians, pupils;
  std::vector<GuardianLinkStep> guardian_links;
  std::vector<RosterRefusal> refused;
  std::size_t not_kept = 0;   // items the box has no place for: class × subject, staff, teacher enrollments
  std::size_t kept_left = 0;  // pupils the office recorded as left whom the portal still lists
  std::size_t changes() const;
};

// The box's entity words in portal_links.
constexpr const char* class_entity = "class";
constexpr const char* pupil_entity = "pupil";
constexpr const char* guardian_entity = "guardian";
constexpr const char* teacher_entity = "teacher";

RosterPlan plan_roster(const PortalRoster& portal, const store::RosterRows& box, const std::vector<store::PortalLink>& links);

// One line a change ("pupil create u-17 Иванова Анна → 5А"), for --dry-run and the sync log.
std::vector<std::string> describe(const RosterPlan& plan);

}  // namespace classbook::sync
