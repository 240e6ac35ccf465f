// records: the plain rows the store reads and app hands on: settings, accounts, sessions, pupils,
// lessons, homework, marks, attendance. Plain data with no I/O, below both app and store, so app's
// callers (http) can read them without seeing the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/attendance.hpp"
#include "domain/calendar.hpp"
#include "domain/marks.hpp"
#include "domain/policy.hpp"
#include "domain/score_marks.hpp"

namespace classbook::rows {

using Id = std::int64_t;

struct SchoolSettings {
  std::string name = "Школа";
  domain::MarkScale scale = domain::MarkScale::five_point();
  domain::RoundingRule rounding;
  domain::TermKind term_kind = domain::TermKind::quarters;
  int academic_year = 2026;          // the year the academic year starts in
  int utc_offset_minutes = 180;      // Europe/Moscow has had no daylight saving since 2014
  int notice_days_back = domain::default_notice_days_back;      // settings key notice_days_back
  int journal_grace_days = domain::default_journal_grace_days;  // settings key journal_grace_days
  // From a OneRoster client's score to a mark (docs/sync.md § Writes): settings key score_thresholds,
  // "85,65,45"; none set (or one the scale no longer fits): domain::default_score_thresholds.
  std::optional<domain::ScoreThresholds> score_thresholds;
  domain::ScoreThresholds thresholds() const {
    return score_thresholds ? *score_thresholds : domain::default_score_thresholds(scale);
  }
  std::vector<domain::Term> terms;
  struct WorkTypeRow {
    Id id = 0;
    domain::WorkType type;
  };
  std::vector<WorkTypeRow> work_types;
  const WorkTypeRow* work_type(std::string_view code) const {
    for (const auto& w : work_types)
      if (w.type.code == code) return &w;
    return nullptr;
  }
  const WorkTypeRow* work_type(Id id) const {
    for (const auto& w : work_types)
      if (w.id == id) return &w;
    return nullptr;
  }
};

struct UserRecord {
  Id id = 0;
  std::string uuid;
  std::string login;
  std::string password_hash;
  domain::Role role = domain::Role::student;
  std::optional<Id> person_id;
  std::string display_name;
  bool must_change_password = true;
  bool disabled = false;
  std::string password_set_at;  // when the password (a one-time one too) was set; its age decides OTP expiry
};

struct SessionRecord {
  Id id = 0;
  Id user_id = 0;
  std::string csrf;
  std::string created_at;
  std::string last_seen_at;
  std::string address;
  std::string user_agent;
};

struct StudentBrief {
  Id id = 0;
  std::string uuid;
  std::string name;        // "Анна Петрова"
  std::string full_name;   // "Петрова Анна Сергеевна"
  Id class_id = 0;
  std::string class_name;  // "5А"
  int group_no = 1;        // the pupil's subgroup for lessons taught in groups
  std::string class_uuid;  // the class's id as clients see it (/me gives it so the web app can ask for class views)
};

struct TeachingBrief {
  std::string class_id;  // uuid
  std::string class_name;
  std::string subject_id;  // uuid
  std::string subject;
};

struct LessonRecord {
  Id id = 0;
  std::string uuid;
  domain::Date date;
  int period = 0;
  Id class_id = 0;
  Id subject_id = 0;
  std::string subject;
  Id teacher_id = 0;
  std::string teacher;
  std::string topic;
  int start_minute = 0;  // local minutes since midnight, from the bell schedule
  int end_minute = 0;
  bool cancelled = false;
  int group_no = 0;   // 0: the whole class; otherwise the subgroup (languages, labour) it is for
  std::string room;   // "" when none is set
};

struct HomeworkRecord {
  Id id = 0;
  std::string uuid;
  Id lesson_id = 0;
  std::string text;
  bool mandatory = true;
  std::string due_date;
  std::string created_at;
  std::string revised_at;
};

// A homework item with what a pupil's list shows beside it: the lesson's date and subject.
struct PupilHomeworkRecord {
  std::string lesson_date;
  std::string subject_uuid;
  std::string subject;
  HomeworkRecord item;
};

// One mark of a class's term, or a subject's lesson with no mark (student_id 0), for class averages.
struct ClassMarkRow {
  Id subject_id = 0;
  std::string subject_uuid;
  std::string subject;
  Id student_id = 0;
  int value = 0;
  Id work_type_id = 0;
};

struct MarkRecord {
  Id id = 0;
  std::string uuid;
  Id student_id = 0;
  Id lesson_id = 0;
  int value = 0;
  Id work_type_id = 0;
  std::string comment;
  Id set_by = 0;
  std::string teacher;  // display name of who set it
  std::string created_at;
  std::string updated_at;
  std::string lesson_uuid;
  std::string student_uuid;
};

struct AttendanceRecord {
  Id lesson_id = 0;
  Id student_id = 0;
  domain::Presence presence = domain::Presence::present;
  int late_minutes = 0;
};

}  // namespace classbook::rows
