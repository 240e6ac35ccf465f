// oneroster: the school's rows as the OneRoster provider reads them (store/oneroster.hpp) — plain
// values in the school's words; app/oneroster_roster.cpp and oneroster_gradebook.cpp turn them into
// the standard's records. Each carries the dateLastModified the records show (migration 22).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rows/records.hpp"

namespace classbook::rows {

// The school year's terms (each also its one grading period), and when any term last changed.
struct RosterTerm {
  int number = 0;
  std::string start_date;  // YYYY-MM-DD, inclusive
  std::string end_date;    // YYYY-MM-DD, inclusive (the box's own convention)
};
struct RosterCalendar {
  std::vector<RosterTerm> terms;  // by number
  std::string modified_at;        // settings key terms_modified_at
};

// A subject taught in a grade: OneRoster's course.
struct RosterCourse {
  std::string subject_uuid;
  std::string subject_name;
  std::string short_name;
  int grade = 0;
  std::string modified_at;
};

// A class × subject somebody teaches: OneRoster's class. Teachers in teaching order.
struct RosterClassSubject {
  std::string class_uuid;
  std::string class_name;  // "5А"
  int grade = 0;
  std::string subject_uuid;
  std::string subject_name;
  std::string modified_at;  // the later of the class's, the subject's and the teaching's
};

enum class RosterPersonKind { pupil, teacher, guardian };

// A pupil, teacher or guardian: OneRoster's user.
struct RosterPerson {
  RosterPersonKind kind = RosterPersonKind::pupil;
  std::string uuid;
  std::string last_name;
  std::string first_name;
  std::string middle_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> login;    // the person's account, when there is one
  std::optional<std::string> left_on;  // pupils who left the school
  int grade = 0;                       // pupils: their class's grade
  std::string modified_at;
  std::vector<std::string> agents;     // pupils: their guardians' uuids; guardians: their children's
};

// A pupil or teacher in a class × subject: OneRoster's enrollment.
struct RosterEnrollment {
  RosterPersonKind kind = RosterPersonKind::pupil;
  std::string person_uuid;
  std::string class_uuid;
  std::string subject_uuid;
  std::optional<std::string> left_on;  // the pupil left the school on this day
  std::string modified_at;
};

// A work type with its weight: OneRoster's category.
struct RosterWorkType {
  std::string code;
  std::string name;
  int weight = 1;
  std::string modified_at;  // settings key work_types_modified_at
};

// A mark in the journal: OneRoster's result; its lesson and work type make its line item.
struct RosterMark {
  std::string uuid;
  std::string lesson_uuid;
  std::string lesson_date;  // YYYY-MM-DD
  std::string class_uuid;
  std::string subject_uuid;
  std::string subject_name;
  std::string work_type_code;
  std::string work_type_name;
  std::string pupil_uuid;
  int value = 0;
  std::string comment;
  std::string updated_at;
  std::optional<std::string> deleted_at;
};

// A lesson's column of one work type — the marks of that work type on that lesson: OneRoster's line item.
struct RosterLineItem {
  std::string lesson_uuid;
  std::string lesson_date;  // YYYY-MM-DD
  std::string class_uuid;
  std::string subject_uuid;
  std::string subject_name;
  std::string work_type_code;
  std::string work_type_name;
  std::string topic;
  std::string modified_at;  // the latest change to any of its marks
  bool any_kept = true;     // false when every mark of it was deleted
};

}  // namespace classbook::rows
