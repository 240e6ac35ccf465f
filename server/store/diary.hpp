// diary: the pupil-side reads and writes beside the journal — dots, term grades, acknowledgements,
// absence notices, the entrance taps of a class's day.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/attendance.hpp"
#include "domain/dot.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// --- dots ---
struct DotRecord {
  Id id = 0;
  std::string uuid;
  Id lesson_id = 0, class_id = 0, subject_id = 0;
  domain::Dot dot;
  std::string state;  // open, converted, expired, cancelled
  Id student_id = 0;
};
// A pupil's dots on lessons between two dates, cancelled ones left out.
Result<std::vector<DotRecord>> dots_of_student(Db& db, Id student_id, domain::Date from, domain::Date to);
// The dots on a class's lessons of one subject between two dates, cancelled ones left out, with the
// pupil each is for (the journal grid shows them per cell).
struct ClassDotRecord {
  Id student_id = 0;
  DotRecord dot;
};
Result<std::vector<ClassDotRecord>> dots_of_class(Db& db, Id class_id, Id subject_id, domain::Date from, domain::Date to);
Result<std::optional<DotRecord>> find_dot(Db& db, std::string_view uuid);
Result<std::vector<domain::Dot>> open_dots(Db& db);
Status insert_dot(Db& db, const std::string& uuid, Id student_id, Id lesson_id, domain::Date set_on,
                  const std::string& expires_on, Id set_by);
// A dot's later changes of state (converted, expired, cancelled) are in store/dots.hpp, with their uuids for the audit.

// --- term grades ---
struct TermGradeRecord {
  std::string uuid;
  int grade = 0;
};
Result<std::map<Id, int>> term_grades_of(Db& db, Id student_id, int term);  // subject → grade
Result<std::map<Id, int>> term_grades_of_class(Db& db, Id class_id, Id subject_id, int term);  // pupil → grade
Result<std::optional<TermGradeRecord>> find_term_grade(Db& db, Id student_id, Id subject_id, int term);
Status put_term_grade(Db& db, Id student_id, Id subject_id, int term, const std::string& uuid, int grade,
                      std::optional<int> proposed, Id set_by, const std::string& now);

// --- acknowledgements ---
Result<std::vector<std::string>> acknowledgements_of(Db& db, Id student_id, const std::string& week);  // times, oldest first
Status put_acknowledgement(Db& db, Id student_id, const std::string& week, Id user_id, const std::string& uuid,
                           const std::string& now, const std::string& content_hash);

// --- absence notices ---
struct NoticeRecord {
  std::string uuid, student_uuid, student_name, from, to, reason, comment, created_at;
};
Result<std::vector<NoticeRecord>> notices_of_class(Db& db, Id class_id, domain::Date from, domain::Date to);
// The notices a guardian wrote for children still linked to them, newest first.
Result<std::vector<NoticeRecord>> notices_by_guardian(Db& db, Id guardian_id);
Result<std::vector<domain::AbsenceNotice>> notices_on(Db& db, Id student_id, domain::Date day);
Status insert_notice(Db& db, const std::string& uuid, Id student_id, const std::string& from, const std::string& to,
                     domain::NoticeReason reason, const std::string& comment, std::optional<Id> guardian_id,
                     const std::string& now);
// Lessons between two dates where the pupil is recorded absent without excuse.
Result<std::vector<Id>> unexcused_lessons(Db& db, Id student_id, const std::string& from, const std::string& to);

// --- a class's day ---
struct EntranceTapRecord {
  Id student_id = 0;
  std::string at;  // UTC text
  bool in = false;
};
// In/out taps of the class's pupils between two UTC instants (text), in time order.
Result<std::vector<EntranceTapRecord>> entrance_taps_of_class(Db& db, Id class_id, const std::string& from,
                                                              const std::string& to);
struct LessonPresence {
  Id lesson_id = 0, student_id = 0;
  domain::Presence presence = domain::Presence::present;
};
Result<std::vector<LessonPresence>> attendance_of_class_on(Db& db, Id class_id, domain::Date day);

}  // namespace classbook::store
