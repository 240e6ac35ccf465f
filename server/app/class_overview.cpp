// class_overview: lesson attendance and entrance taps side by side, through the domain's comparison.
#include "app/class_overview.hpp"

#include <map>

#include "app/overview_class.hpp"
#include "app/reads.hpp"
#include "app/school_days.hpp"
#include "store/diary.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"
#include "store/reader_pool.hpp"

namespace classbook::app {
Result<ClassDayView> class_day(Context& ctx, const domain::Actor& actor, std::string_view class_uuid, std::string_view date_text) {
  auto date = domain::parse_date(date_text);
  if (!date) return make_error(Errc::invalid_input, "date.malformed", "date must look like 2026-11-23", "date");
  auto db = ctx.readers.acquire();
  auto class_id = overview_class(*db, actor, class_uuid);
  if (!class_id) return class_id.error();

  ClassDayView view;
  auto class_name = store::name_of_class(*db, *class_id);
  if (!class_name) return class_name.error();
  view.class_name = std::move(*class_name);
  view.date = domain::format_date(*date);
  const auto lessons_read = store::lessons_of_class(*db, *class_id, *date, *date);
  if (!lessons_read) return lessons_read.error();
  const auto& lessons = *lessons_read;
  for (const auto& l : lessons)
    view.lessons.push_back({l.uuid, l.subject, minutes_text(l.start_minute), minutes_text(l.end_minute), l.period});

  // The day's taps, in local minutes, per pupil: the stored instants are UTC.
  std::map<store::Id, std::vector<domain::EntranceTap>> taps;
  std::map<store::Id, std::vector<std::pair<std::string, std::string>>> tap_text;
  const TimePoint day_start = school_day_start(ctx, *date);
  const auto day_taps_read = store::entrance_taps_of_class(*db, *class_id, format_utc(day_start),
                                                          format_utc(day_start + std::chrono::days(1)));
  if (!day_taps_read) return day_taps_read.error();
  for (const auto& t : *day_taps_read) {
    TimePoint at;
    if (!parse_utc(t.at, at)) continue;
    const int minute = local_minute(ctx, at);
    taps[t.student_id].push_back({minute, t.in});
    tap_text[t.student_id].emplace_back(minutes_text(minute), t.in ? "in" : "out");
  }
  std::map<std::pair<store::Id, store::Id>, domain::Presence> recorded;  // (lesson, pupil)
  const auto presences = store::attendance_of_class_on(*db, *class_id, *date);
  if (!presences) return presences.error();
  for (const auto& p : *presences) recorded[{p.lesson_id, p.student_id}] = p.presence;

  const auto pupils = store::students_of_class(*db, *class_id, *date);
  if (!pupils) return pupils.error();
  for (const auto& s : *pupils) {
    OverviewRow row;
    row.student = s;
    row.taps = tap_text[s.id];
    const auto& day_taps = taps[s.id];
    for (const auto& l : lessons) {
      OverviewCell cell;
      cell.lesson_id = l.uuid;
      if (auto it = recorded.find({l.id, s.id}); it != recorded.end()) {
        cell.presence = it->second;
        cell.recorded = true;
      }
      cell.in_building = domain::inside_at(day_taps, l.start_minute) || domain::inside_at(day_taps, l.end_minute - 1);
      cell.disagrees = domain::entrance_disagrees(cell.presence, day_taps, l.start_minute, l.end_minute);
      view.disagreements += cell.disagrees ? 1 : 0;
      row.lessons.push_back(cell);
    }
    view.students.push_back(std::move(row));
  }
  return view;
}

Result<std::vector<NoticeView>> class_notices(Context& ctx, const domain::Actor& actor, std::string_view class_uuid,
                                              std::string_view from_text, std::string_view to_text) {
  auto from = domain::parse_date(from_text);
  auto to = domain::parse_date(to_text);
  if (!from) return make_error(Errc::invalid_input, "date.malformed", "from must look like 2026-11-01", "from");
  if (!to) return make_error(Errc::invalid_input, "date.malformed", "to must look like 2026-11-30", "to");
  auto db = ctx.readers.acquire();
  auto class_id = overview_class(*db, actor, class_uuid);
  if (!class_id) return class_id.error();
  const auto notices = store::notices_of_class(*db, *class_id, *from, *to);
  if (!notices) return notices.error();
  std::vector<NoticeView> out;
  for (const auto& n : *notices)
    out.push_back({n.uuid, n.student_uuid, n.student_name, n.from, n.to, n.reason, n.comment, n.created_at});
  return out;
}

}  // namespace classbook::app
