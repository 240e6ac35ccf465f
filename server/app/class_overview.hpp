// class_overview: what a class teacher sees of the own class on a day — lesson attendance beside
// the entrance taps, with "in the building but absent from the lesson" flagged — and the notices.
#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/attendance.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

struct OverviewCell {
  std::string lesson_id;
  domain::Presence presence = domain::Presence::present;
  bool recorded = false;     // the teacher marked it (otherwise present by default)
  bool in_building = false;  // the entrance says the pupil was inside during the lesson
  bool disagrees = false;
};
struct OverviewRow {
  store::StudentBrief student;
  std::vector<std::pair<std::string, std::string>> taps;  // local "08:12" → "in"/"out"
  std::vector<OverviewCell> lessons;
};
struct ClassDayView {
  std::string class_name, date;
  struct Lesson {
    std::string id, subject, starts, ends;
    int period = 0;
  };
  std::vector<Lesson> lessons;
  std::vector<OverviewRow> students;
  int disagreements = 0;
};
Result<ClassDayView> class_day(Context& ctx, const domain::Actor& actor, std::string_view class_id, std::string_view date);

struct NoticeView {
  std::string id, student_id, student, from, to, reason, comment, created_at;
};
Result<std::vector<NoticeView>> class_notices(Context& ctx, const domain::Actor& actor, std::string_view class_id,
                                              std::string_view from, std::string_view to);

}  // namespace classbook::app
