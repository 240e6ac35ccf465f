// timetable_admin_changes: per-date changes (substitutions, cancellations, room changes, moves): list, add and undo them, with the lesson rows following.
#include "app/timetable_admin_shared.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;
using namespace timetable_detail;

Result<std::vector<store::ChangeRecord>> list_changes(Context& ctx, const domain::Actor& actor, std::string_view from_text,
                                                      std::string_view to_text, std::string_view class_id) {
  if (auto e = may_read(actor)) return *e;
  auto from = checked_date(from_text, "from");
  if (!from) return from.error();
  auto to = checked_date(to_text, "to");
  if (!to) return to.error();
  if (*to < *from) return bad("date.range_reversed", "to must not be before from", "to");
  if (days_from(*from, *to) >= max_change_range_days)
    return bad("date.range_too_long", "ask for at most " + std::to_string(max_change_range_days) + " days of changes at a time", "to");
  auto db = ctx.readers.acquire();
  std::optional<Id> klass;
  if (!class_id.empty()) {
    auto id = class_by_uuid(*db, class_id);
    if (!id) return id.error();
    klass = *id;
  }
  return store::changes_between(*db, klass, *from, *to, max_changes_listed);
}

namespace {
// The day around a change: its bells, every class's template for the weekday and the changes made.
struct ChangeDay {
  domain::WeekBells week;
  const domain::BellSchedule* bells = nullptr;
  std::vector<domain::TimetableSlot> slots;
  std::vector<store::ChangeRecord> changes;
};

// Filled in place: `bells` points into `week`.
Status load_day(store::Db& db, domain::Date date, ChangeDay& d) {
  auto week = store::load_week_bells(db);
  if (!week) return week.error();
  auto slots = store::timetable_slots(db, domain::iso_weekday(date));
  if (!slots) return slots.error();
  auto changes = store::changes_on(db, date);
  if (!changes) return changes.error();
  d.week = std::move(*week);
  d.bells = domain::bells_on(d.week, domain::iso_weekday(date));
  d.slots = std::move(*slots);
  d.changes = std::move(*changes);
  return ok_status();
}

std::vector<domain::PlannedLesson> of_class(std::vector<domain::PlannedLesson> lessons, Id class_id) {
  lessons.erase(std::remove_if(lessons.begin(), lessons.end(), [&](const auto& l) { return l.class_id != class_id; }),
                lessons.end());
  return lessons;
}

// Going from the `before` changes to the `after` ones on `date`: no new clash, and the class's lesson
// rows can follow. Gives the row updates to write.
Result<std::vector<domain::LessonUpdate>> follow(store::Db& db, const ChangeDay& day, domain::Date date, Id class_id,
                                                 const std::vector<domain::TimetableChange>& before_changes,
                                                 const std::vector<domain::TimetableChange>& after_changes) {
  store::DbNamer names(db);
  const auto before = domain::plan_day(date, day.bells, day.slots, before_changes, names).lessons;
  const auto after = domain::plan_day(date, day.bells, day.slots, after_changes, names).lessons;
  const auto clashes = domain::new_clashes(before, after, names);
  if (!clashes.empty()) return make_error(Errc::conflict, "timetable.change_clashes", clashes.front());
  auto rows = store::lesson_rows(db, date, date, class_id);
  if (!rows) return rows.error();
  auto following = domain::rows_following(of_class(before, class_id), of_class(after, class_id), *rows, names);
  if (names.error()) return *names.error();
  if (following.refusal) return make_error(Errc::conflict, "timetable.lessons_cannot_follow", *following.refusal);
  return following.updates;
}

// The change of the request with its ids resolved and checked against the day (400/404).
Result<domain::TimetableChange> resolve_change(store::Db& db, const ChangeInput& in, domain::Date date,
                                               domain::ChangeKind kind, const ChangeDay& day) {
  domain::TimetableChange c;
  c.date = date;
  c.kind = kind;
  c.period = static_cast<int>(in.period);
  c.group_no = static_cast<int>(in.group);
  c.note = in.note;
  if (in.to_period) c.new_period = static_cast<int>(*in.to_period);
  auto klass = class_by_uuid(db, in.class_id);
  if (!klass) return klass.error();
  c.class_id = *klass;
  if (in.subject_id) {
    auto subject = id_for(db, Table::subjects, *in.subject_id,
                          make_error(Errc::not_found, "subject.not_found", "no such subject; check subject_id", "subject_id"));
    if (!subject) return subject.error();
    c.subject_id = *subject;
  }
  if (in.teacher_id) {
    auto teacher = id_for(db, Table::teachers, *in.teacher_id,
                          make_error(Errc::not_found, "teacher.not_found", "no such teacher; check teacher_id", "teacher_id"));
    if (!teacher) return teacher.error();
    c.teacher_id = *teacher;
  }
  if (in.room) {
    auto room = room_named(db, *in.room, "room");
    if (!room) return room.error();
    c.room_id = *room;
  }
  if (auto problem = domain::check_change(c)) return bad("timetable.change_invalid", *problem, "kind");
  const int weekday = domain::iso_weekday(date);
  if (!day.bells) return bad("timetable.no_bells_that_day", "no bells ring on " + domain::weekday_name(weekday) + "s, so there is no lesson to change", "date");
  if (!domain::rings(day.bells, c.period))
    return bad("timetable.no_such_period", bells_of(weekday) + " ring " + std::to_string(day.bells->periods.size()) + " lessons; there is no lesson " +
                   std::to_string(c.period),
               "period");
  if (c.new_period && !domain::rings(day.bells, *c.new_period))
    return bad("timetable.no_such_period", bells_of(weekday) + " ring " + std::to_string(day.bells->periods.size()) +
                   " lessons; a lesson cannot move to lesson " + std::to_string(*c.new_period),
               "to_period");
  const auto in_period = [&](const domain::TimetableSlot& s) { return s.class_id == c.class_id && s.period == c.period; };
  const bool in_template = std::any_of(day.slots.begin(), day.slots.end(), in_period);
  const bool group_in_template = c.group_no == 0 || std::any_of(day.slots.begin(), day.slots.end(), [&](const auto& s) {
    return in_period(s) && s.group_no == c.group_no;
  });
  if (!in_template || !group_in_template) {
    store::DbNamer names(db);
    const std::string group = c.group_no == 0 ? "" : " for group " + std::to_string(c.group_no);
    return make_error(Errc::not_found, "timetable.no_such_lesson",
                      names.class_name(c.class_id) + " has no lesson " + std::to_string(c.period) + group + " on " +
                          domain::weekday_name(weekday) + "s; GET /api/v1/classes/" + in.class_id +
                          "/timetable shows its week (changes name a lesson by its number and group in the timetable)",
                      in_template ? "group" : "period");
  }
  return c;
}
}  // namespace

void post_change(Context& ctx, const domain::Actor& actor, ChangeInput in, Reply<ChangeView> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  auto date = checked_date(in.date, "date");
  if (!date) return reply(date.error());
  const auto kind = domain::parse_change_kind(in.kind);
  if (!kind) return reply(bad("timetable.change_kind_unknown", "kind must be substitution, cancelled, room or moved", "kind"));
  if (in.period < 1 || in.period > static_cast<std::int64_t>(max_bell_periods))
    return reply(bad("timetable.period_invalid", "period must be the lesson's number in the timetable, 1 to " + std::to_string(max_bell_periods), "period"));
  if (in.group < 0 || in.group > max_group_no)
    return reply(bad("timetable.group_invalid", "group must be 0 (every group of the lesson) or the group's number, up to " +
                         std::to_string(max_group_no),
                     "group"));
  if (in.to_period && (*in.to_period < 1 || *in.to_period > static_cast<std::int64_t>(max_bell_periods)))
    return reply(bad("timetable.period_invalid", "to_period must be a lesson number, 1 to " + std::to_string(max_bell_periods), "to_period"));
  const auto note_length = domain::utf8_length(in.note);
  if (!note_length) return reply(bad("text.not_utf8", "the note is not valid UTF-8 text", "note"));
  if (*note_length > max_change_note_chars)
    return reply(bad("text.too_long", "the note is too long: at most " + std::to_string(max_change_note_chars) + " characters", "note"));
  if (!domain::is_school_day(*date, ctx.settings().terms))
    return reply(bad("timetable.not_a_school_day", in.date + " is not a school day (a holiday, or outside the terms); there are no lessons to change", "date"));
  submit<ChangeView>(ctx, [actor, in = std::move(in), date = *date, kind = *kind](WriteContext& w) -> Result<ChangeView> {
    ChangeDay day;
    if (auto s = load_day(w.db, date, day); !s) return s.error();
    auto change = resolve_change(w.db, in, date, kind, day);
    if (!change) return change.error();
    const auto before = store::changes_of(day.changes);
    auto after = before;
    after.push_back(*change);
    auto updates = follow(w.db, day, date, change->class_id, before, after);
    if (!updates) return updates.error();
    const auto uuid = new_uuid();
    if (auto id = store::insert_change(w.db, uuid, *change, actor.user_id, w.now_text); !id) return id.error();
    auto saved = existing(store::find_change(w.db, uuid), make_error(Errc::internal, "store.row_vanished", "the change vanished after it was written"));
    if (!saved) return saved.error();
    const auto json_text = store::change_json(w.db, *saved);
    if (!json_text) return json_text.error();
    w.audit(actor.user_id, "timetable_change", uuid, "create", "{}", *json_text);
    w.outbox("timetable_change", uuid, "upsert", *json_text);
    if (auto s = store::update_lessons(w, actor.user_id, *updates); !s) return s.error();
    return ChangeView{*saved, static_cast<int>(updates->size())};
  }, std::move(reply));
}

void delete_change(Context& ctx, const domain::Actor& actor, std::string change_id, Reply<ChangeView> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  const auto not_found =
      make_error(Errc::not_found, "timetable.change_not_found",
                 "no such change; GET /api/v1/timetable-changes?from=…&to=… lists them with their ids (UUIDs)", "id");
  if (!is_uuid(change_id)) return reply(not_found);
  submit<ChangeView>(ctx, [actor, change_id = std::move(change_id), not_found](WriteContext& w) -> Result<ChangeView> {
    auto record = existing(store::find_change(w.db, change_id), not_found);
    if (!record) return record.error();
    const auto date = record->change.date;
    ChangeDay day;
    if (auto s = load_day(w.db, date, day); !s) return s.error();
    const auto before = store::changes_of(day.changes);
    std::vector<domain::TimetableChange> after;
    for (const auto& c : day.changes)
      if (c.uuid != change_id) after.push_back(c.change);
    auto updates = follow(w.db, day, date, record->change.class_id, before, after);
    if (!updates) return updates.error();
    const auto json_text = store::change_json(w.db, *record);
    if (!json_text) return json_text.error();
    if (auto s = store::delete_change(w.db, change_id); !s) return s.error();
    w.audit(actor.user_id, "timetable_change", change_id, "delete", *json_text, "{}");
    w.outbox("timetable_change", change_id, "delete", *json_text);
    if (auto s = store::update_lessons(w, actor.user_id, *updates); !s) return s.error();
    return ChangeView{*record, static_cast<int>(updates->size())};
  }, std::move(reply));
}

}  // namespace classbook::app
