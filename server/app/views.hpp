// views: what the use cases return — plain values the HTTP layer maps to JSON.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/class_week_cache.hpp"
#include "domain/attendance.hpp"
#include "domain/marks.hpp"

namespace classbook::app {

// Where a mark came from when a OneRoster API client's result made it (docs/sync.md § Writes): the
// teacher sees the client and the raw score beside the mark.
struct MarkSource {
  std::string client;  // the client's name
  std::string title;   // its line item's title
  std::optional<double> score;
  double max = 100;
  bool overridden = false;  // a person changed or deleted the mark since: the client's writes leave it
};

struct MarkView {
  std::string id;  // uuid
  std::string student_id;
  std::string lesson_id;
  int value = 0;
  std::string work_type;       // code
  std::string work_type_name;
  int weight = 1;
  std::string comment;
  std::string teacher;
  std::string created_at;
  std::string updated_at;
  std::optional<MarkSource> source;  // set in the teacher's journal only
};

struct DotView {
  std::string id;
  std::string expires_on;
  std::string state;  // open, converted, expired, cancelled — as of today
};

// A lesson of the pupil's week: what is the pupil's own beside the lesson itself. The lesson — its
// time, subject, teacher, topic, room and homework — is the class's, shared by the diaries of all
// its pupils (DiaryWeekView::class_week), so a diary neither copies it nor renders it again.
struct DiaryLessonView {
  std::size_t lesson = 0;  // index into class_week->lessons
  std::vector<MarkView> marks;
  std::vector<DotView> dots;
  std::optional<domain::Presence> attendance;
  int late_minutes = 0;
};

struct DiaryDayView {
  std::string date;
  int weekday = 1;
  std::vector<DiaryLessonView> lessons;
};

struct DiaryWeekView {
  std::string week;  // "2026-W48"
  store::StudentBrief student;
  std::shared_ptr<const ClassWeek> class_week;  // the class's lessons and homework of the week
  std::vector<DiaryDayView> days;
  std::string content_hash;  // what a guardian's acknowledgement signs
  std::vector<std::string> acknowledged_at;
};

struct SubjectGradesView {
  std::string subject;
  std::string teacher;  // who gave most of the term's lessons
  std::vector<MarkView> marks;
  std::vector<domain::Date> mark_dates;  // each mark's lesson date, beside `marks`
  std::optional<double> average;
  std::optional<domain::TermGradeProposal> proposed;
  std::optional<int> final_grade;
  domain::AbsenceCount absences;
};

struct GradesView {
  store::StudentBrief student;
  int term = 0;
  std::string from, to;
  std::vector<SubjectGradesView> subjects;
};

struct JournalView {
  std::string class_name;
  std::string subject;
  int term = 0;
  std::string subject_id;  // uuid: what a term grade is set for
  struct Column {
    std::string lesson_id;
    std::string date;
    int period = 0;
    std::string topic;
    std::string teacher;      // who gives it: a substitute's name on the lessons they took
    std::vector<rows::HomeworkRecord> homework;
  };
  struct Absence {
    std::string lesson_id;
    domain::Presence presence = domain::Presence::present;
    int late_minutes = 0;
  };
  struct Dot {
    std::string lesson_id;
    DotView dot;
  };
  struct Row {
    store::StudentBrief student;
    std::vector<MarkView> marks;
    std::vector<Absence> absences;
    std::vector<Dot> dots;
    // Lessons a OneRoster client's result excused the pupil from (scoreStatus exempt): no mark.
    struct Excused {
      std::string lesson_id;
      std::string client;
      std::string title;
    };
    std::vector<Excused> excused;
    std::optional<double> average;
    std::optional<domain::TermGradeProposal> proposed;
    std::optional<int> final_grade;  // the term grade set (confirmed or overridden), if any
  };
  std::vector<Column> lessons;
  std::vector<Row> rows;
};

}  // namespace classbook::app
