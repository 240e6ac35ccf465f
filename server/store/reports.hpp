// reports: the school-wide counts the director's reports are made of — attendance per class and day,
// every mark of a span as (class, subject, pupil, work type, value), term grades per class × subject.
// Counts only; what they mean (averages, who is at risk) is app/reports' with the domain's rules.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "store/db.hpp"
#include "store/records.hpp"

namespace classbook::store {

// A class as the reports name it (every class, or the one asked for), in the school's order.
struct ReportClass {
  Id id = 0;
  std::string uuid, name;
  int grade = 0;
};
// class_id 0: every class.
Result<std::vector<ReportClass>> classes_for_report(Db& db, Id class_id);

// A pupil of a class as the reports count them: who was in which class from when to when.
struct ReportPupil {
  Id id = 0;
  std::string uuid, name;  // "Петрова Анна"
  Id class_id = 0;
  std::string left_on;     // "" while at school; the last day otherwise
};
Result<std::vector<ReportPupil>> pupils_for_report(Db& db, Id class_id);

// One class's school day: the lessons held (not cancelled) and what the register says of them.
struct AttendanceDayCounts {
  Id class_id = 0;
  std::string date;  // YYYY-MM-DD
  int lessons = 0;
  int unexcused = 0;  // "н"
  int excused = 0;    // "уп"
  int illness = 0;    // "б"
  int late = 0;
};
// Days with at least one lesson held, by class then date. class_id 0: every class.
Result<std::vector<AttendanceDayCounts>> attendance_by_class_day(Db& db, domain::Date from, domain::Date to, Id class_id);

// One pupil's absences of a span (for "many absences"), by kind.
struct PupilAbsences {
  Id student_id = 0;
  int unexcused = 0, excused = 0, illness = 0;
};
Result<std::vector<PupilAbsences>> absences_by_pupil(Db& db, domain::Date from, domain::Date to, Id class_id);

// A mark as the reports need it (deleted marks left out; the lesson's class and subject).
struct ReportMark {
  Id class_id = 0, subject_id = 0, student_id = 0, work_type_id = 0;
  int value = 0;
};
// Every mark of the lessons dated from..to, streamed (a year of a large school is over a million),
// each pupil's marks together, so that a pupil's averages can be worked out and forgotten one pupil
// at a time.
Status each_mark_for_report(Db& db, domain::Date from, domain::Date to, Id class_id,
                            const std::function<void(const ReportMark&)>& each);

struct SubjectName {
  Id id = 0;
  std::string uuid, name;
};
Result<std::vector<SubjectName>> subjects_for_report(Db& db);

// Term grades of the terms given, counted per the pupil's class, subject and grade.
struct TermGradeCount {
  Id class_id = 0, subject_id = 0;
  int grade = 0, count = 0;
};
Result<std::vector<TermGradeCount>> term_grades_for_report(Db& db, const std::vector<int>& terms, Id class_id);

}  // namespace classbook::store
