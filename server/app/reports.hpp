// reports: the director's school-wide reports (issue 12) — attendance by class and day, marks and term
// grades by class × subject, pupils at risk. One model per report feeds its JSON, its CSV and its PDF
// (app/report_files); the figures are the journal's own rules (the diary's weighted average).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// A report covers at most a school year.
constexpr int max_report_days = 366;
// Pupils at risk, unless the request says otherwise: a subject's weighted average below 3.0, or more
// than 10 unexcused ("н") lessons missed in the period. Excused absences and illness are counted and
// shown, but are not a reason: the school itself excused them.
constexpr double default_at_risk_below = 3.0;
constexpr int default_at_risk_unexcused = 10;

// What the request asks for: a term (term=N) or dates (from, to), and at most one class.
struct ReportRequest {
  std::string term, from, to, class_id;
};

// The span a report covered: its dates and, when asked by term, the term.
struct ReportSpan {
  std::string from, to;
  int term = 0;  // 0 when asked by dates
  std::string class_id, class_name;  // "" for the whole school
};

// --- attendance ---------------------------------------------------------------------------------------
struct AttendanceFigures {
  int pupils = 0;     // on the class's list that day (a total: pupils on the list on any day of the span)
  int lessons = 0;    // lessons held (not cancelled), whole class and groups
  int unexcused = 0;  // lessons missed, "н"
  int excused = 0;    // "уп"
  int illness = 0;    // "б"
  int late = 0;       // lessons come late to
  AttendanceFigures& operator+=(const AttendanceFigures& o);
};
struct AttendanceDayRow {
  std::string date;
  AttendanceFigures figures;
};
struct ClassAttendance {
  std::string class_id, class_name;
  std::vector<AttendanceDayRow> days;  // school days with a lesson held, in date order
  AttendanceFigures total;
};
struct AttendanceReportView {
  ReportSpan span;
  std::vector<ClassAttendance> classes;    // in the school's order (grade, name)
  std::vector<AttendanceDayRow> school_days;  // the school's sum per day
  AttendanceFigures school;                // the school's total
};
Result<AttendanceReportView> attendance_report_view(Context& ctx, const domain::Actor& actor, const ReportRequest& in);

// --- marks and term grades ----------------------------------------------------------------------------
struct SubjectGradesRow {
  std::string class_id, class_name, subject_id, subject;
  int marks = 0;
  int pupils_with_marks = 0;
  std::optional<double> average;            // domain::weighted_average over every mark of the class × subject
  std::map<int, int> marks_by_value;        // value → marks
  int term_grades = 0;
  std::map<int, int> term_grades_by_value;  // grade → term grades
};
struct GradesReportView {
  ReportSpan span;
  std::vector<int> terms;  // the terms whose term grades are counted: the one asked, or those wholly inside the dates
  std::vector<SubjectGradesRow> rows;  // by class (school order), then subject name
};
Result<GradesReportView> grades_report_view(Context& ctx, const domain::Actor& actor, const ReportRequest& in);

// --- pupils at risk -----------------------------------------------------------------------------------
struct AtRiskRequest {
  ReportRequest period;
  std::string below, absences;  // as typed; "" for the defaults
};
struct AtRiskReason {
  std::string kind;  // "low_average" | "unexcused_absences"
  std::string subject_id, subject;  // low_average
  double average = 0;               // low_average
  int marks = 0;                    // low_average: marks the average is of
  int unexcused = 0;                // unexcused_absences
};
struct AtRiskPupil {
  std::string student_id, name, class_id, class_name;
  int unexcused = 0, excused = 0, illness = 0;  // lessons missed in the span
  std::vector<AtRiskReason> reasons;            // low averages by subject name, then absences
};
struct AtRiskView {
  ReportSpan span;
  double below = default_at_risk_below;
  int unexcused_over = default_at_risk_unexcused;
  std::vector<AtRiskPupil> pupils;  // by class (school order), then name
};
Result<AtRiskView> at_risk_view(Context& ctx, const domain::Actor& actor, const AtRiskRequest& in);

}  // namespace classbook::app
