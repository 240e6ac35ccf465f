// timetable_admin_week: a class's weekly timetable template: read it, and replace it after checking bells, assignments and clashes.
#include "app/timetable_admin_shared.hpp"
#include "domain/timetable_fit.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;
using namespace timetable_detail;

namespace {
Result<ClassTimetableView> timetable_view(store::Db& db, Id class_id) {
  auto uuid = store::uuid_of(db, Table::classes, class_id);
  if (!uuid) return uuid.error();
  auto name = store::name_of_class(db, class_id);
  if (!name) return name.error();
  auto slots = store::class_timetable(db, class_id);
  if (!slots) return slots.error();
  auto teaching = store::class_teaching(db, class_id);
  if (!teaching) return teaching.error();
  auto bells = store::load_week_bells(db);
  if (!bells) return bells.error();
  return ClassTimetableView{{std::move(*uuid), std::move(*name)}, std::move(*slots), std::move(*teaching), std::move(*bells)};
}

// The slots of the request with ids resolved, or the first unknown id as a 404.
Result<std::vector<domain::TimetableSlot>> resolve_slots(store::Db& db, Id class_id, const std::vector<SlotInput>& in) {
  std::vector<domain::TimetableSlot> slots;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto& s = in[i];
    const std::string at = "lessons[" + std::to_string(i) + "].";
    const auto subject = id_for(db, Table::subjects, s.subject_id,
                                make_error(Errc::not_found, "subject.not_found",
                                           at + "subject_id: no such subject; the class's subjects and their teachers are "
                                                "under 'teaching' in GET /api/v1/classes/{id}/timetable",
                                           at + "subject_id"));
    if (!subject) return subject.error();
    const auto teacher = id_for(db, Table::teachers, s.teacher_id,
                                make_error(Errc::not_found, "teacher.not_found",
                                           at + "teacher_id: no such teacher; the class's teachers are under 'teaching' in "
                                                "GET /api/v1/classes/{id}/timetable",
                                           at + "teacher_id"));
    if (!teacher) return teacher.error();
    std::optional<Id> room;
    if (s.room) {
      auto r = room_named(db, *s.room, at + "room");
      if (!r) return r.error();
      room = *r;
    }
    slots.push_back({class_id, static_cast<int>(s.weekday), static_cast<int>(s.period), static_cast<int>(s.group),
                     *subject, *teacher, room});
  }
  return slots;
}

// Bells, teaching assignments and the class's own clashes: what the request itself gets wrong (400).
std::optional<Error> check_own_week(store::Db& db, Id class_id, const std::vector<domain::TimetableSlot>& slots) {
  store::DbNamer names(db);
  const auto week_read = store::load_week_bells(db);
  if (!week_read) return week_read.error();
  const auto& week = *week_read;
  const auto teaching_read = store::class_teaching(db, class_id);
  if (!teaching_read) return teaching_read.error();
  const auto& teaching = *teaching_read;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const auto& s = slots[i];
    const std::string at = "lessons[" + std::to_string(i) + "]";
    const auto* bells = domain::bells_on(week, s.weekday);
    if (!bells)
      return bad("timetable.no_bells_that_day", at + ": no bells ring on " + domain::weekday_name(s.weekday) + "s; choose them first (PUT /api/v1/bells/weekdays/" +
                     std::to_string(s.weekday) + ")",
                 at + ".weekday");
    if (!domain::rings(bells, s.period))
      return bad("timetable.no_such_period", at + ": " + bells_of(s.weekday) + " (\"" + bells->variant + "\") ring " +
                     std::to_string(bells->periods.size()) + " lessons; there is no lesson " + std::to_string(s.period),
                 at + ".period");
    const bool taught = std::any_of(teaching.begin(), teaching.end(), [&](const store::TeachingRef& t) {
      return t.subject_id == s.subject_id && t.teacher_id == s.teacher_id;
    });
    if (!taught)
      return bad("teaching.not_assigned", at + ": " + names.teacher_name(s.teacher_id) + " does not teach " + names.subject_name(s.subject_id) +
                     " in " + names.class_name(class_id) +
                     "; choose one of the class's teachers of that subject (see 'teaching' in GET "
                     "/api/v1/classes/{id}/timetable)",
                 at + ".teacher_id");
  }
  const auto clashes = domain::timetable_clashes(slots);
  if (!clashes.empty()) {
    std::string message = domain::describe_clash(clashes.front(), names);
    if (clashes.size() > 1) message += " (" + std::to_string(clashes.size()) + " clashes in all)";
    return bad("timetable.week_clash", message, "lessons");
  }
  return std::nullopt;
}

// Every class's week with the class's new one in it.
Result<std::vector<domain::TimetableSlot>> school_week_with(store::Db& db, Id class_id,
                                                            const std::vector<domain::TimetableSlot>& slots) {
  auto all = store::timetable_slots(db);
  if (!all) return all.error();
  all->erase(std::remove_if(all->begin(), all->end(), [&](const auto& s) { return s.class_id == class_id; }), all->end());
  all->insert(all->end(), slots.begin(), slots.end());
  return all;
}

// Teachers and rooms the other classes already have at the same time (409, naming both lessons).
std::optional<Error> check_other_classes(store::Db& db, Id class_id, const std::vector<domain::TimetableSlot>& all) {
  std::vector<domain::TimetableClash> clashes;
  for (auto& c : domain::timetable_clashes(all))
    if ((c.a.class_id == class_id) != (c.b.class_id == class_id)) clashes.push_back(std::move(c));
  if (clashes.empty()) return std::nullopt;
  store::DbNamer names(db);
  std::string message = domain::describe_clash(clashes.front(), names);
  if (clashes.size() > 1) message += " (" + std::to_string(clashes.size()) + " clashes with other classes in all)";
  return make_error(Errc::conflict, "timetable.clashes_with_other_class", message, "lessons");
}

// The class's changes from `today` on that the school's new week `all` leaves stale.
Result<std::vector<StaleChangeView>> stale_changes(store::Db& db, Id class_id, const std::vector<domain::TimetableSlot>& all,
                                                   domain::Date today) {
  auto days = store::change_days_of_class(db, class_id, today);
  if (!days) return days.error();
  store::DbNamer names(db);
  std::vector<StaleChangeView> stale;
  for (auto& s : domain::stale_changes(class_id, all, store::changes_of(*days), names))
    stale.push_back({(*days)[s.index], std::move(s.reason)});
  if (names.error()) return *names.error();
  return stale;
}

Error stale_refusal(const std::vector<StaleChangeView>& stale) {
  const auto n = stale.size();
  return make_error(Errc::conflict, "timetable.changes_no_longer_fit",
                    std::to_string(n) + (n == 1 ? " change" : " changes") + " of the days from today on " +
                        (n == 1 ? "does" : "do") + " not fit the new timetable (" + stale.front().reason +
                        "); nothing was changed. Take them back first (DELETE /api/v1/timetable-changes/{id}), or send "
                        "the week again with ?drop_stale_changes=true to delete them with it.",
                    "lessons");
}

TimetablePutView listed(std::vector<StaleChangeView> stale, std::optional<Error> refused) {
  TimetablePutView v;
  v.refused = std::move(refused);
  v.stale_count = stale.size();
  if (stale.size() > max_stale_changes_listed) stale.resize(max_stale_changes_listed);
  v.stale = std::move(stale);
  return v;
}
}  // namespace

Result<ClassTimetableView> get_class_timetable(Context& ctx, const domain::Actor& actor, std::string_view class_id) {
  if (auto e = may_read(actor)) return *e;
  auto db = ctx.readers.acquire();
  auto id = class_by_uuid(*db, class_id);
  if (!id) return id.error();
  return timetable_view(*db, *id);
}

void put_class_timetable(Context& ctx, const domain::Actor& actor, std::string class_id, std::vector<SlotInput> lessons,
                         bool drop_stale_changes, Reply<TimetablePutView> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (lessons.size() > max_timetable_lessons)
    return reply(bad("timetable.too_many_lessons", "a class's week has at most " + std::to_string(max_timetable_lessons) + " lessons", "lessons"));
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    const auto& s = lessons[i];
    const std::string at = "lessons[" + std::to_string(i) + "].";
    if (s.weekday < 1 || s.weekday > 7) return reply(bad("date.weekday_invalid", at + "weekday must be 1 (Monday) to 7 (Sunday)", at + "weekday"));
    if (s.period < 1 || s.period > static_cast<std::int64_t>(max_bell_periods))
      return reply(bad("timetable.period_invalid", at + "period must be the lesson's number, 1 to " + std::to_string(max_bell_periods), at + "period"));
    if (s.group < 0 || s.group > max_group_no)
      return reply(bad("timetable.group_invalid", at + "group must be 0 (the whole class) or the group's number, up to " + std::to_string(max_group_no),
                       at + "group"));
    if (s.room)
      if (auto e = check_name(*s.room, at + "room", at + "room")) return reply(*e);
  }
  const auto today = local_date(ctx, ctx.clock.now());
  submit<TimetablePutView>(ctx, [actor, class_id = std::move(class_id), lessons = std::move(lessons), drop_stale_changes,
                                 today](WriteContext& w) -> Result<TimetablePutView> {
    auto id = class_by_uuid(w.db, class_id);
    if (!id) return id.error();
    auto slots = resolve_slots(w.db, *id, lessons);
    if (!slots) return slots.error();
    if (auto e = check_own_week(w.db, *id, *slots)) return *e;
    const auto week = school_week_with(w.db, *id, *slots);
    if (!week) return week.error();
    if (auto e = check_other_classes(w.db, *id, *week)) return *e;
    auto stale = stale_changes(w.db, *id, *week, today);
    if (!stale) return stale.error();
    if (!stale->empty() && !drop_stale_changes) {
      auto refusal = stale_refusal(*stale);
      return listed(std::move(*stale), std::move(refusal));
    }
    for (const auto& s : *stale) {
      const auto json_text = store::change_json(w.db, s.change);
      if (!json_text) return json_text.error();
      if (auto d = store::delete_change(w.db, s.change.uuid); !d) return d.error();
      w.audit(actor.user_id, "timetable_change", s.change.uuid, "delete", *json_text, "{}");
      w.outbox("timetable_change", s.change.uuid, "delete", *json_text);
    }
    const auto before = store::class_timetable_json(w.db, *id);
    if (!before) return before.error();
    if (auto s = store::replace_class_timetable(w.db, *id, *slots); !s) return s.error();
    const auto after = store::class_timetable_json(w.db, *id);
    if (!after) return after.error();
    w.audit(actor.user_id, "timetable", class_id, "update", *before, *after);
    w.outbox("timetable", class_id, "upsert", *after);
    if (w.side_error()) return *w.side_error();
    auto view = timetable_view(w.db, *id);
    if (!view) return view.error();
    auto put = listed(std::move(*stale), std::nullopt);
    put.timetable = std::move(*view);
    return put;
  }, std::move(reply));
}

}  // namespace classbook::app
