// class_overview: lesson attendance and entrance taps side by side, through the domain's comparison.
#include "app/class_overview.hpp"

#include <map>

#include "app/reads.hpp"
#include "classbook/common/crypto.hpp"
#include "store/journal.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::app {
namespace {
Result<store::Id> overview_class(store::Db& db, const domain::Actor& actor, std::string_view uuid) {
  auto id = is_uuid(uuid) ? store::id_by_uuid(db, store::Table::classes, uuid) : std::nullopt;
  if (!id) return make_error(Errc::not_found, "no such class; check the class id", "class_id");
  if (auto d = domain::decide(actor, domain::Action::read_class_overview, {0, *id, 0}); !d)
    return make_error(Errc::forbidden, d.reason);
  return *id;
}
}  // namespace

Result<ClassDayView> class_day(Context& ctx, const domain::Actor& actor, std::string_view class_uuid, std::string_view date_text) {
  auto date = domain::parse_date(date_text);
  if (!date) return make_error(Errc::invalid_input, "date must look like 2026-11-23", "date");
  auto db = ctx.readers.acquire();
  auto class_id = overview_class(*db, actor, class_uuid);
  if (!class_id) return class_id.error();

  ClassDayView view;
  view.class_name = store::name_of_class(*db, *class_id);
  view.date = domain::format_date(*date);
  const auto lessons = store::lessons_of_class(*db, *class_id, *date, *date);
  for (const auto& l : lessons)
    view.lessons.push_back({l.uuid, l.subject, minutes_text(l.start_minute), minutes_text(l.end_minute), l.period});

  // The day's taps, in local minutes, per pupil: the stored instants are UTC.
  std::map<store::Id, std::vector<domain::EntranceTap>> taps;
  std::map<store::Id, std::vector<std::pair<std::string, std::string>>> tap_text;
  const auto day_start = std::chrono::sys_days{*date} - std::chrono::minutes(ctx.settings.utc_offset_minutes);
  auto& q = db->prepare(
      "SELECT t.student_id, t.at, t.result FROM taps t JOIN students s ON s.id = t.student_id "
      "WHERE s.class_id=? AND t.at >= ? AND t.at < ? AND t.result IN ('in','out') ORDER BY t.at");
  q.bind(1, *class_id).bind(2, format_utc(TimePoint(day_start))).bind(3, format_utc(TimePoint(day_start + std::chrono::days(1))));
  while (q.step()) {
    TimePoint at;
    if (!parse_utc(q.text(1), at)) continue;
    const int minute = local_minute(ctx, at);
    const bool in = q.text(2) == "in";
    taps[q.i64(0)].push_back({minute, in});
    tap_text[q.i64(0)].emplace_back(minutes_text(minute), in ? "in" : "out");
  }
  std::map<std::pair<store::Id, store::Id>, domain::Presence> recorded;  // (lesson, pupil)
  auto& a = db->prepare(
      "SELECT a.lesson_id, a.student_id, a.presence FROM attendance a JOIN lessons l ON l.id = a.lesson_id "
      "WHERE l.class_id=? AND l.date=?");
  a.bind(1, *class_id).bind(2, view.date);
  while (a.step())
    if (auto p = domain::parse_presence(a.text(2))) recorded[{a.i64(0), a.i64(1)}] = *p;

  for (const auto& s : store::students_of_class(*db, *class_id)) {
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
  if (!from) return make_error(Errc::invalid_input, "from must look like 2026-11-01", "from");
  if (!to) return make_error(Errc::invalid_input, "to must look like 2026-11-30", "to");
  auto db = ctx.readers.acquire();
  auto class_id = overview_class(*db, actor, class_uuid);
  if (!class_id) return class_id.error();
  auto& q = db->prepare(
      "SELECT n.uuid, s.uuid, s.first_name || ' ' || s.last_name, n.from_date, n.to_date, n.reason, n.comment, n.created_at "
      "FROM absence_notices n JOIN students s ON s.id = n.student_id "
      "WHERE s.class_id=? AND n.to_date >= ? AND n.from_date <= ? ORDER BY n.from_date, s.last_name");
  q.bind(1, *class_id).bind(2, domain::format_date(*from)).bind(3, domain::format_date(*to));
  std::vector<NoticeView> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7)});
  return out;
}

}  // namespace classbook::app
