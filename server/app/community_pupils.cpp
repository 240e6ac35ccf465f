// community_pupils: what surrounds one pupil — the class teacher's weekly note, clubs and the backpack.
#include <boost/json.hpp>

#include "app/community.hpp"
#include "app/community_common.hpp"
#include "app/found.hpp"
#include "app/live_changes.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/backpack.hpp"
#include "domain/behaviour.hpp"

namespace classbook::app {
namespace json = boost::json;
using community::invalid;
using store::WriteContext;

Result<BehaviourView> get_behaviour(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                    std::string_view week_text) {
  auto iso = community::checked_week(week_text);
  if (!iso) return iso.error();
  const auto week = domain::format_iso_week(*iso);
  auto db = ctx.readers.acquire();
  auto student = community::readable_student(*db, actor, student_id);
  if (!student) return student.error();
  auto note = store::find_behaviour_note(*db, student->id, week);
  if (!note) return note.error();
  return BehaviourView{*student, week, std::move(*note)};
}

void put_behaviour(Context& ctx, const domain::Actor& actor, std::string student_id, std::string week_text,
                   std::string text, Reply<BehaviourView> reply) {
  auto iso = community::checked_week(week_text);
  if (!iso) return reply(iso.error());
  if (auto e = invalid("behaviour.note_invalid", domain::check_behaviour_note(text), "text")) return reply(*e);
  submit<BehaviourView>(ctx, [actor, student_id = std::move(student_id), week = domain::format_iso_week(*iso), text = std::move(text)](
                                 WriteContext& w) -> Result<BehaviourView> {
    auto student = community::find_student(w.db, student_id);
    if (!student) return student.error();
    // The pupil's class comes from the database: the request names only the pupil.
    if (auto d = domain::may_write_behaviour_note(actor, student->class_id); !d)
      return make_error(Errc::forbidden, "behaviour.not_allowed", d.reason);
    const auto before_read = store::find_behaviour_note(w.db, student->id, week);
    if (!before_read) return before_read.error();
    const auto& before = *before_read;
    store::BehaviourNoteRecord note;
    note.uuid = before ? before->uuid : new_uuid();
    note.text = text;
    note.at = w.now_text;
    if (auto s = store::put_behaviour_note(w.db, student->id, week, note, actor.user_id); !s) return s.error();
    // A note parents read is part of the pupil's record: who changed it, and from what, is kept.
    auto as_json = [&](const std::string& t) {
      return json::serialize(json::object{{"student", student->uuid}, {"week", week}, {"text", t}});
    };
    w.audit(actor.user_id, "behaviour_note", note.uuid, before ? "update" : "create",
            before ? as_json(before->text) : "{}", as_json(text));
    auto saved = store::find_behaviour_note(w.db, student->id, week);
    if (!saved) return saved.error();
    live::pupil(w, "behaviour", *student, {{"week", week}});
    return BehaviourView{*student, week, std::move(*saved)};
  }, std::move(reply));
}

Result<std::vector<store::ClubRecord>> list_clubs(Context& ctx) {
  auto db = ctx.readers.acquire();
  return store::all_clubs(*db);
}

Result<PupilClubsView> get_pupil_clubs(Context& ctx, const domain::Actor& actor, std::string_view student_id) {
  auto db = ctx.readers.acquire();
  auto student = community::readable_student(*db, actor, student_id);
  if (!student) return student.error();
  auto clubs = store::clubs_of_student(*db, student->id);
  if (!clubs) return clubs.error();
  return PupilClubsView{*student, std::move(*clubs)};
}

Result<BackpackView> get_backpack(Context& ctx, const domain::Actor& actor, std::string_view student_id,
                                  std::string_view week_text) {
  auto iso = community::checked_week(week_text);
  if (!iso) return iso.error();
  auto db = ctx.readers.acquire();
  auto student = community::readable_student(*db, actor, student_id);
  if (!student) return student.error();
  auto place = existing(store::pupil_place(*db, student->id), make_error(Errc::internal, "store.inconsistent", "the pupil's class is missing"));
  if (!place) return place.error();

  const auto monday = domain::monday_of(*iso);
  const auto lessons = store::planned_lessons(*db, place->class_id, monday, domain::add_days(monday, 6));
  if (!lessons) return lessons.error();
  const auto weights = store::textbook_weights(*db);
  if (!weights) return weights.error();
  BackpackView view;
  view.student = *student;
  view.week = domain::format_iso_week(*iso);
  view.grade = place->grade;
  view.recommended_max_grams = domain::recommended_max_grams(place->grade);
  for (int d = 0; d < 7; ++d) {
    const auto date = domain::add_days(monday, d);
    std::vector<domain::PlannedLesson> of_day;
    for (const auto& l : *lessons)
      if (l.date == date) of_day.push_back(l);
    // Weekdays always show, as in the diary; a weekend day only when it has lessons.
    if (of_day.empty() && d >= 5) continue;
    const int grams = domain::backpack_grams(of_day, place->class_id, *weights, place->group_no);
    view.days.push_back({domain::format_date(date), d + 1, grams, domain::too_heavy(grams, place->grade)});
  }
  return view;
}

}  // namespace classbook::app
