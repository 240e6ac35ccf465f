// portal_links: the city portal's identities beside the box's rows (migration 23; docs/sync-protocol.md
// § Identities) and the roster pull's high-water marks, one per rostering collection (§ Roster in);
// plus the plain reads of the whole roster the roster planner starts from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// entity: "class", "pupil", "guardian", "teacher", "subject" (its sourcedId a course's).
struct PortalLink {
  std::string entity;
  std::string sourced_id;  // the portal's
  std::string uuid;        // the box's
  friend bool operator==(const PortalLink&, const PortalLink&) = default;
};

Result<std::vector<PortalLink>> portal_links(Db& db);
// Refused (store.constraint) when either side is already linked to another.
Status insert_portal_link(Db& db, const PortalLink& link, const std::string& at);

// collection ("users") → the largest dateLastModified applied; absent before the first full read.
Result<std::map<std::string, std::string, std::less<>>> roster_marks(Db& db);
Status set_roster_mark(Db& db, std::string_view collection, std::string_view high_water, const std::string& at);

// The roster as the planner sees it: names and contacts only, every row (pupils who left too).
struct RosterPerson {
  std::string uuid, last_name, first_name, middle_name;
  std::optional<std::string> birth_date;  // pupils
  std::string class_uuid;                 // pupils
  bool left = false;                      // pupils: left school
  std::optional<std::string> phone, email;
};
struct RosterClassRow {
  std::string uuid, name;
};
struct RosterGuardianLink {
  std::string pupil_uuid, guardian_uuid, relation;
};
struct RosterSubjectRow {
  std::string uuid, name;
};
struct RosterTeachingRow {
  std::string class_uuid, subject_uuid, teacher_uuid;
};
struct RosterTermRow {
  std::string start_date, end_date;  // end inclusive, as the office sets it
};
struct RosterRows {
  std::vector<RosterClassRow> classes;
  std::vector<RosterPerson> pupils, guardians, teachers;
  std::vector<RosterGuardianLink> guardian_links;
  std::vector<RosterSubjectRow> subjects;
  std::vector<RosterTeachingRow> teaching;
  std::vector<RosterTermRow> terms;
};
Result<RosterRows> roster_rows(Db& db);
// A pupil's e-mail (migration 21), which the office's PupilRecord does not carry.
Status set_pupil_email(Db& db, Id student_id, const std::optional<std::string>& email);

}  // namespace classbook::store
