// timetable_admin: the office's bells, rooms, weekly timetable and per-date changes, and the lessons
// made from them — input checks, the policy, and one writer job per change (one per day when making).
#include "app/timetable_admin.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <memory>

#include "app/found.hpp"
#include "app/submit.hpp"
#include "classbook/common/crypto.hpp"
#include "domain/day_time.hpp"
#include "domain/text.hpp"
#include "store/lookup.hpp"

namespace classbook::app {
namespace json = boost::json;
using store::Table;
using store::WriteContext;

namespace {

constexpr std::int64_t max_group_no = 9;  // a class splits into a few groups, never more

Error bad(std::string message, std::string field) { return make_error(Errc::invalid_input, std::move(message), std::move(field)); }

std::optional<Error> may_manage(const domain::Actor& actor) {
  if (auto d = domain::decide(actor, domain::Action::manage_timetable, {}); !d) return make_error(Errc::forbidden, d.reason);
  return std::nullopt;
}

// The timetable is the school's public information: everyone signed in reads it, devices do not.
std::optional<Error> may_read(const domain::Actor& actor) {
  if (actor.role == domain::Role::kiosk)
    return make_error(Errc::forbidden, "Kiosks record taps; they do not read the timetable.");
  return std::nullopt;
}

std::optional<Error> check_name(std::string_view text, const std::string& field, const std::string& what) {
  const auto n = domain::utf8_length(text);
  if (!n) return bad(what + " is not valid UTF-8 text", field);
  if (domain::is_blank(text)) return bad(what + " is required", field);
  if (*n > max_name_chars)
    return bad(what + " is too long: at most " + std::to_string(max_name_chars) + " characters", field);
  return std::nullopt;
}

Result<domain::Date> checked_date(std::string_view text, const std::string& field) {
  if (auto d = domain::parse_date(text)) return *d;
  return bad(field + " must be a real date like 2026-12-01", field);
}

int days_from(domain::Date from, domain::Date to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

Error no_class() {
  return make_error(Errc::not_found, "no such class; check the class id (a UUID)", "class_id");
}

Result<Id> class_by_uuid(store::Db& db, std::string_view uuid) {
  return id_for(db, Table::classes, uuid, no_class());
}

Result<Id> room_named(store::Db& db, const std::string& name, const std::string& field) {
  return existing(store::room_by_name(db, name),
                  make_error(Errc::not_found,
                             "no room called '" + name + "'; GET /api/v1/rooms lists the rooms and POST /api/v1/rooms adds one",
                             field));
}

// "the bells of Mondays" for messages
std::string bells_of(int weekday) { return "the bells of " + domain::weekday_name(weekday) + "s"; }

// Stranded slots of a weekday as a 409: the bells can change only when the timetable fits them
// (or the failed read, as it is).
std::optional<Error> strands_lessons(store::Db& db, int weekday, const domain::BellSchedule* bells) {
  const auto slots = store::timetable_slots(db, weekday);
  if (!slots) return slots.error();
  const auto stranded = domain::slots_without_bell(*slots, weekday, bells);
  if (stranded.empty()) return std::nullopt;
  store::DbNamer names(db);
  std::string list;
  for (const auto& s : stranded)
    list += (list.empty() ? "" : ", ") + names.class_name(s.class_id) + " lesson " + std::to_string(s.period);
  if (names.error()) return *names.error();
  return make_error(Errc::conflict,
                    "The timetable has lessons on " + domain::weekday_name(weekday) + "s that " +
                        (bells ? "the bells \"" + bells->variant + "\" do not ring" : std::string("would have no bells")) +
                        ": " + list + ". Move them first (PUT /api/v1/classes/{id}/timetable).");
}

std::string payload(const json::object& o) { return json::serialize(o); }

}  // namespace

// --- bells ---

Result<domain::WeekBells> get_bells(Context& ctx, const domain::Actor& actor) {
  if (auto e = may_read(actor)) return *e;
  auto db = ctx.readers.acquire();
  return store::load_week_bells(*db);
}

void put_bell_variant(Context& ctx, const domain::Actor& actor, std::string name, std::vector<BellPeriodInput> periods,
                      Reply<domain::WeekBells> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (auto e = check_name(name, "variant", "the name of the bells")) return reply(*e);
  if (periods.size() > max_bell_periods)
    return reply(bad("a day has at most " + std::to_string(max_bell_periods) + " lessons", "periods"));
  domain::BellSchedule schedule{name, {}};
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& p = periods[i];
    const std::string at = "periods[" + std::to_string(i) + "].";
    if (p.number < 1 || p.number > static_cast<std::int64_t>(max_bell_periods))
      return reply(bad(at + "number must be the lesson's number, 1 to " + std::to_string(max_bell_periods), at + "number"));
    const auto starts = domain::parse_minute(p.starts);
    if (!starts) return reply(bad(at + "starts must be a time like 08:30 (HH:MM, 00:00 to 23:59)", at + "starts"));
    const auto ends = domain::parse_minute(p.ends);
    if (!ends) return reply(bad(at + "ends must be a time like 09:15 (HH:MM, 00:00 to 23:59)", at + "ends"));
    const auto meal = domain::break_name_of_code(p.break_after.value_or(""));
    if (!meal) return reply(bad(at + "break_after must be breakfast, lunch or null", at + "break_after"));
    schedule.periods.push_back({static_cast<int>(p.number), *starts, *ends, *meal});
  }
  if (auto problem = domain::check_bell_schedule(schedule)) return reply(bad(*problem, "periods"));
  submit<domain::WeekBells>(ctx, [actor, schedule = std::move(schedule)](WriteContext& w) -> Result<domain::WeekBells> {
    auto week = store::load_week_bells(w.db);
    if (!week) return week.error();
    for (const auto& [weekday, variant] : week->by_weekday)
      if (variant == schedule.variant)
        if (auto e = strands_lessons(w.db, weekday, &schedule)) return *e;
    const bool existed = std::any_of(week->variants.begin(), week->variants.end(),
                                     [&](const auto& v) { return v.variant == schedule.variant; });
    const auto key = "variant/" + schedule.variant;
    const auto before = existed ? store::bell_variant_json(w.db, schedule.variant) : Result<std::string>(std::string("{}"));
    if (!before) return before.error();
    if (auto s = store::put_bell_variant(w.db, schedule); !s) return s.error();
    const auto after = store::bell_variant_json(w.db, schedule.variant);
    if (!after) return after.error();
    w.audit(actor.user_id, "bell_schedule", key, existed ? "update" : "create", *before, *after);
    w.outbox("bell_schedule", key, "upsert", *after);
    return store::load_week_bells(w.db);
  }, std::move(reply));
}

void put_weekday_bells(Context& ctx, const domain::Actor& actor, std::int64_t weekday_in,
                       std::optional<std::string> variant, Reply<domain::WeekBells> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (weekday_in < 1 || weekday_in > 7) return reply(bad("weekday must be 1 (Monday) to 7 (Sunday)", "weekday"));
  if (variant)
    if (auto e = check_name(*variant, "variant", "the name of the bells")) return reply(*e);
  const int weekday = static_cast<int>(weekday_in);
  submit<domain::WeekBells>(ctx, [actor, weekday, variant = std::move(variant)](WriteContext& w) -> Result<domain::WeekBells> {
    auto week = store::load_week_bells(w.db);
    if (!week) return week.error();
    const domain::BellSchedule* bells = nullptr;
    if (variant) {
      const auto it = std::find_if(week->variants.begin(), week->variants.end(),
                                   [&](const auto& v) { return v.variant == *variant; });
      if (it == week->variants.end())
        return make_error(Errc::not_found,
                          "no bells called \"" + *variant +
                              "\"; GET /api/v1/bells lists them and PUT /api/v1/bells/variants/{name} makes one",
                          "variant");
      bells = &*it;
    }
    if (auto e = strands_lessons(w.db, weekday, bells)) return *e;
    const auto key = "weekday/" + std::to_string(weekday);
    const auto before = store::weekday_bells_json(w.db, weekday);
    if (!before) return before.error();
    if (auto s = store::set_weekday_bells(w.db, weekday, variant); !s) return s.error();
    const auto after = store::weekday_bells_json(w.db, weekday);
    if (!after) return after.error();
    w.audit(actor.user_id, "bell_schedule", key, "update", *before, *after);
    w.outbox("bell_schedule", key, "upsert", *after);
    return store::load_week_bells(w.db);
  }, std::move(reply));
}

// --- rooms ---

Result<std::vector<store::RoomRecord>> list_rooms(Context& ctx, const domain::Actor& actor) {
  if (auto e = may_read(actor)) return *e;
  auto db = ctx.readers.acquire();
  return store::all_rooms(*db);
}

void add_room(Context& ctx, const domain::Actor& actor, std::string name, Reply<store::RoomRecord> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (auto e = check_name(name, "name", "the room's name")) return reply(*e);
  submit<store::RoomRecord>(ctx, [actor, name = std::move(name)](WriteContext& w) -> Result<store::RoomRecord> {
    auto same = store::room_by_name(w.db, name);
    if (!same) return same.error();
    if (*same)
      return make_error(Errc::conflict, "there already is a room called '" + name + "'", "name");
    auto id = store::insert_room(w.db, name);
    if (!id) return id.error();
    const auto after = payload({{"name", name}});
    w.audit(actor.user_id, "room", "room/" + name, "create", "{}", after);
    w.outbox("room", "room/" + name, "upsert", after);
    return store::RoomRecord{*id, name};
  }, std::move(reply));
}

// --- a class's weekly template ---

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
                                make_error(Errc::not_found,
                                           at + "subject_id: no such subject; the class's subjects and their teachers are "
                                                "under 'teaching' in GET /api/v1/classes/{id}/timetable",
                                           at + "subject_id"));
    if (!subject) return subject.error();
    const auto teacher = id_for(db, Table::teachers, s.teacher_id,
                                make_error(Errc::not_found,
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
      return bad(at + ": no bells ring on " + domain::weekday_name(s.weekday) + "s; choose them first (PUT /api/v1/bells/weekdays/" +
                     std::to_string(s.weekday) + ")",
                 at + ".weekday");
    if (!domain::rings(bells, s.period))
      return bad(at + ": " + bells_of(s.weekday) + " (\"" + bells->variant + "\") ring " +
                     std::to_string(bells->periods.size()) + " lessons; there is no lesson " + std::to_string(s.period),
                 at + ".period");
    const bool taught = std::any_of(teaching.begin(), teaching.end(), [&](const store::TeachingRef& t) {
      return t.subject_id == s.subject_id && t.teacher_id == s.teacher_id;
    });
    if (!taught)
      return bad(at + ": " + names.teacher_name(s.teacher_id) + " does not teach " + names.subject_name(s.subject_id) +
                     " in " + names.class_name(class_id) +
                     "; choose one of the class's teachers of that subject (see 'teaching' in GET "
                     "/api/v1/classes/{id}/timetable)",
                 at + ".teacher_id");
  }
  const auto clashes = domain::timetable_clashes(slots);
  if (!clashes.empty()) {
    std::string message = domain::describe_clash(clashes.front(), names);
    if (clashes.size() > 1) message += " (" + std::to_string(clashes.size()) + " clashes in all)";
    return bad(message, "lessons");
  }
  return std::nullopt;
}

// Teachers and rooms the other classes already have at the same time (409, naming both lessons).
std::optional<Error> check_other_classes(store::Db& db, Id class_id, const std::vector<domain::TimetableSlot>& slots) {
  auto all_read = store::timetable_slots(db);
  if (!all_read) return all_read.error();
  auto& all = *all_read;
  all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& s) { return s.class_id == class_id; }), all.end());
  all.insert(all.end(), slots.begin(), slots.end());
  std::vector<domain::TimetableClash> clashes;
  for (auto& c : domain::timetable_clashes(all))
    if ((c.a.class_id == class_id) != (c.b.class_id == class_id)) clashes.push_back(std::move(c));
  if (clashes.empty()) return std::nullopt;
  store::DbNamer names(db);
  std::string message = domain::describe_clash(clashes.front(), names);
  if (clashes.size() > 1) message += " (" + std::to_string(clashes.size()) + " clashes with other classes in all)";
  return make_error(Errc::conflict, message, "lessons");
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
                         Reply<ClassTimetableView> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  if (lessons.size() > max_timetable_lessons)
    return reply(bad("a class's week has at most " + std::to_string(max_timetable_lessons) + " lessons", "lessons"));
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    const auto& s = lessons[i];
    const std::string at = "lessons[" + std::to_string(i) + "].";
    if (s.weekday < 1 || s.weekday > 7) return reply(bad(at + "weekday must be 1 (Monday) to 7 (Sunday)", at + "weekday"));
    if (s.period < 1 || s.period > static_cast<std::int64_t>(max_bell_periods))
      return reply(bad(at + "period must be the lesson's number, 1 to " + std::to_string(max_bell_periods), at + "period"));
    if (s.group < 0 || s.group > max_group_no)
      return reply(bad(at + "group must be 0 (the whole class) or the group's number, up to " + std::to_string(max_group_no),
                       at + "group"));
    if (s.room)
      if (auto e = check_name(*s.room, at + "room", at + "room")) return reply(*e);
  }
  submit<ClassTimetableView>(ctx, [actor, class_id = std::move(class_id), lessons = std::move(lessons)](
                                      WriteContext& w) -> Result<ClassTimetableView> {
    auto id = class_by_uuid(w.db, class_id);
    if (!id) return id.error();
    auto slots = resolve_slots(w.db, *id, lessons);
    if (!slots) return slots.error();
    if (auto e = check_own_week(w.db, *id, *slots)) return *e;
    if (auto e = check_other_classes(w.db, *id, *slots)) return *e;
    const auto before = store::class_timetable_json(w.db, *id);
    if (!before) return before.error();
    if (auto s = store::replace_class_timetable(w.db, *id, *slots); !s) return s.error();
    const auto after = store::class_timetable_json(w.db, *id);
    if (!after) return after.error();
    w.audit(actor.user_id, "timetable", class_id, "update", *before, *after);
    w.outbox("timetable", class_id, "upsert", *after);
    return timetable_view(w.db, *id);
  }, std::move(reply));
}

// --- per-date changes ---

Result<std::vector<store::ChangeRecord>> list_changes(Context& ctx, const domain::Actor& actor, std::string_view from_text,
                                                      std::string_view to_text, std::string_view class_id) {
  if (auto e = may_read(actor)) return *e;
  auto from = checked_date(from_text, "from");
  if (!from) return from.error();
  auto to = checked_date(to_text, "to");
  if (!to) return to.error();
  if (*to < *from) return bad("to must not be before from", "to");
  if (days_from(*from, *to) >= max_change_range_days)
    return bad("ask for at most " + std::to_string(max_change_range_days) + " days of changes at a time", "to");
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
  if (!clashes.empty()) return make_error(Errc::conflict, clashes.front());
  auto rows = store::lesson_rows(db, date, date, class_id);
  if (!rows) return rows.error();
  auto following = domain::rows_following(of_class(before, class_id), of_class(after, class_id), *rows, names);
  if (names.error()) return *names.error();
  if (following.refusal) return make_error(Errc::conflict, *following.refusal);
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
                          make_error(Errc::not_found, "no such subject; check subject_id", "subject_id"));
    if (!subject) return subject.error();
    c.subject_id = *subject;
  }
  if (in.teacher_id) {
    auto teacher = id_for(db, Table::teachers, *in.teacher_id,
                          make_error(Errc::not_found, "no such teacher; check teacher_id", "teacher_id"));
    if (!teacher) return teacher.error();
    c.teacher_id = *teacher;
  }
  if (in.room) {
    auto room = room_named(db, *in.room, "room");
    if (!room) return room.error();
    c.room_id = *room;
  }
  if (auto problem = domain::check_change(c)) return bad(*problem, "kind");
  const int weekday = domain::iso_weekday(date);
  if (!day.bells) return bad("no bells ring on " + domain::weekday_name(weekday) + "s, so there is no lesson to change", "date");
  if (!domain::rings(day.bells, c.period))
    return bad(bells_of(weekday) + " ring " + std::to_string(day.bells->periods.size()) + " lessons; there is no lesson " +
                   std::to_string(c.period),
               "period");
  if (c.new_period && !domain::rings(day.bells, *c.new_period))
    return bad(bells_of(weekday) + " ring " + std::to_string(day.bells->periods.size()) +
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
    return make_error(Errc::not_found,
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
  if (!kind) return reply(bad("kind must be substitution, cancelled, room or moved", "kind"));
  if (in.period < 1 || in.period > static_cast<std::int64_t>(max_bell_periods))
    return reply(bad("period must be the lesson's number in the timetable, 1 to " + std::to_string(max_bell_periods), "period"));
  if (in.group < 0 || in.group > max_group_no)
    return reply(bad("group must be 0 (every group of the lesson) or the group's number, up to " +
                         std::to_string(max_group_no),
                     "group"));
  if (in.to_period && (*in.to_period < 1 || *in.to_period > static_cast<std::int64_t>(max_bell_periods)))
    return reply(bad("to_period must be a lesson number, 1 to " + std::to_string(max_bell_periods), "to_period"));
  const auto note_length = domain::utf8_length(in.note);
  if (!note_length) return reply(bad("the note is not valid UTF-8 text", "note"));
  if (*note_length > max_change_note_chars)
    return reply(bad("the note is too long: at most " + std::to_string(max_change_note_chars) + " characters", "note"));
  if (!domain::is_school_day(*date, ctx.settings.terms))
    return reply(bad(in.date + " is not a school day (a holiday, or outside the terms); there are no lessons to change", "date"));
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
    auto saved = existing(store::find_change(w.db, uuid), make_error(Errc::internal, "the change vanished after it was written"));
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
      make_error(Errc::not_found,
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

// --- making lessons ---

namespace {
// The days still to make and the counts so far; each day is one writer job, the next queued when
// the previous has committed, so a term's lessons never hold the writer for long.
struct Making {
  Context& ctx;
  Id actor_user = 0;
  std::vector<domain::Date> days;
  std::size_t next = 0;
  store::MadeLessons total;
  Reply<store::MadeLessons> reply;
};

void make_next(const std::shared_ptr<Making>& m) {
  if (m->next == m->days.size()) return m->reply(std::move(m->total));
  const auto day = m->days[m->next++];
  submit<store::MadeLessons>(
      m->ctx, [day, actor = m->actor_user](WriteContext& w) { return store::make_lessons_on(w, day, actor); },
      [m](Result<store::MadeLessons> r) {
        if (!r) return m->reply(r.error());
        m->total.add(std::move(*r), max_conflicts_listed);
        make_next(m);
      });
}

void make_days(Context& ctx, Id actor_user, std::vector<domain::Date> days, Reply<store::MadeLessons> reply) {
  make_next(std::make_shared<Making>(Making{ctx, actor_user, std::move(days), 0, {}, std::move(reply)}));
}
}  // namespace

void make_lessons(Context& ctx, const domain::Actor& actor, std::string_view from_text, std::string_view to_text,
                  Reply<store::MadeLessons> reply) {
  if (auto e = may_manage(actor)) return reply(*e);
  auto from = checked_date(from_text, "from");
  if (!from) return reply(from.error());
  auto to = checked_date(to_text, "to");
  if (!to) return reply(to.error());
  if (*to < *from) return reply(bad("to must not be before from", "to"));
  if (days_from(*from, *to) >= max_lesson_making_days)
    return reply(bad("make at most " + std::to_string(max_lesson_making_days) +
                         " days of lessons at a time; split the range, or use `classbookctl lessons make`",
                     "to"));
  make_days(ctx, actor.user_id, domain::school_days_between(*from, *to, ctx.settings.terms), std::move(reply));
}

void keep_lessons_made(Context& ctx, Reply<store::MadeLessons> reply) {
  const auto today = local_date(ctx, ctx.clock.now());
  const auto last = domain::add_days(today, lessons_kept_ahead_days - 1);
  make_days(ctx, 0, domain::school_days_between(today, last, ctx.settings.terms), std::move(reply));
}

}  // namespace classbook::app
