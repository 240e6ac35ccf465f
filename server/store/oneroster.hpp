// oneroster: SQL for the OneRoster provider's reads (the rows of rows/oneroster.hpp). Each read
// gives every row of its kind in a fixed order (the provider's default order: stable from read to
// read, so that paging with offset is too); filtering and paging are the standard's, done above.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rows/oneroster.hpp"
#include "store/db.hpp"

namespace classbook::store {

using rows::RosterCalendar;
using rows::RosterClassSubject;
using rows::RosterCourse;
using rows::RosterEnrollment;
using rows::RosterLineItem;
using rows::RosterMark;
using rows::RosterPerson;
using rows::RosterPersonKind;
using rows::RosterWorkType;

Result<RosterCalendar> roster_calendar(Db& db);
// Each subject in each grade it is taught in, by subject then grade.
Result<std::vector<RosterCourse>> roster_courses(Db& db);
// Each class × subject somebody teaches, by class name then subject name.
Result<std::vector<RosterClassSubject>> roster_class_subjects(Db& db);
// Pupils (those who left too), then teachers, then guardians, each by surname, name and uuid; each
// with its agents. `uuid` narrows the read to one person.
Result<std::vector<RosterPerson>> roster_people(Db& db, std::optional<std::string_view> uuid = std::nullopt);
// Pupils in every class × subject of their class, then teachers in what they teach.
Result<std::vector<RosterEnrollment>> roster_enrollments(Db& db);
Result<std::vector<RosterWorkType>> roster_work_types(Db& db);

// Marks, deleted ones too, by lesson date, lesson, work type and pupil. Narrowed to one class ×
// subject, one lesson (by uuid) or one mark (by uuid) when given.
struct MarkSelection {
  std::optional<std::string> class_uuid;
  std::optional<std::string> subject_uuid;
  std::optional<std::string> lesson_uuid;
  std::optional<std::string> work_type_code;
  std::optional<std::string> mark_uuid;
};
Result<std::vector<RosterMark>> roster_marks(Db& db, const MarkSelection& which);
// The lessons' columns that have marks (deleted ones too), by lesson date, lesson and work type;
// the same selection (mark_uuid is not used).
Result<std::vector<RosterLineItem>> roster_line_items(Db& db, const MarkSelection& which);

}  // namespace classbook::store
