// routes_timetable: bell schedules, the weekly timetable, per-date changes, lessons made from them,
// a teacher's own week — with their JSON (docs/openapi.yaml documents it).
#include "app/my_timetable.hpp"
#include "app/timetable_admin.hpp"
#include "domain/day_time.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {

namespace {

// --- JSON of the timetable views -----------------------------------------------------------------
json::value json_of(const rows::Ref& r) { return json::object{{"id", r.id}, {"name", r.name}}; }

json::value optional_ref(const std::optional<rows::Ref>& r) { return r ? json_of(*r) : json::value(nullptr); }

json::value optional_room(const std::string& name) { return name.empty() ? json::value(nullptr) : json::value(name); }

// One way of ringing a day: {name, periods: [{number, starts, ends, break_after}]}.
json::object json_of(const domain::BellSchedule& bells) {
  json::array periods;
  for (const auto& p : bells.periods) {
    const auto code = domain::break_code(p.break_after_name);
    periods.push_back(json::object{{"number", p.number},
                                   {"starts", domain::format_minute(p.start_minute)},
                                   {"ends", domain::format_minute(p.end_minute)},
                                   {"break_after", code.empty() ? json::value(nullptr) : json::value(code)}});
  }
  return json::object{{"name", bells.variant}, {"periods", std::move(periods)}};
}

json::value json_of(const domain::WeekBells& week) {
  json::array variants;
  for (const auto& v : week.variants) variants.push_back(json_of(v));
  json::array weekdays;
  for (int d = 1; d <= 7; ++d) {
    const auto it = week.by_weekday.find(d);
    weekdays.push_back(json::object{{"weekday", d},
                                    {"variant", it == week.by_weekday.end() ? json::value(nullptr) : json::value(it->second)}});
  }
  return json::object{{"variants", std::move(variants)}, {"weekdays", std::move(weekdays)}};
}

json::value json_of(const app::ClassTimetableView& v) {
  json::array lessons;
  for (const auto& l : v.lessons) {
    json::object o{{"weekday", l.slot.weekday}, {"period", l.slot.period}, {"group", l.slot.group_no},
                   {"subject", json_of(l.subject)}, {"teacher", json_of(l.teacher)}, {"room", optional_room(l.room)}};
    if (const auto* bells = domain::bells_on(v.bells, l.slot.weekday))
      for (const auto& p : bells->periods)
        if (p.number == l.slot.period) {
          o["starts"] = domain::format_minute(p.start_minute);
          o["ends"] = domain::format_minute(p.end_minute);
        }
    lessons.push_back(std::move(o));
  }
  json::array teaching;
  for (const auto& t : v.teaching) teaching.push_back(json::object{{"subject", json_of(t.subject)}, {"teacher", json_of(t.teacher)}});
  return json::object{{"class", json_of(v.klass)}, {"lessons", std::move(lessons)}, {"teaching", std::move(teaching)}};
}

json::object json_of(const rows::ChangeRecord& r) {
  const auto& c = r.change;
  return json::object{{"id", r.uuid},
                      {"date", domain::format_date(c.date)},
                      {"class", json_of(r.klass)},
                      {"period", c.period},
                      {"group", c.group_no},
                      {"kind", domain::to_string(c.kind)},
                      {"subject", optional_ref(r.subject)},
                      {"teacher", optional_ref(r.teacher)},
                      {"room", r.room ? json::value(*r.room) : json::value(nullptr)},
                      {"to_period", c.new_period ? json::value(*c.new_period) : json::value(nullptr)},
                      {"note", c.note}};
}

json::value json_of(const app::ChangeView& v) {
  auto o = json_of(v.change);
  o["lessons_updated"] = v.lessons_updated;
  return o;
}

json::value json_of(const app::StaleChangeView& s) {
  auto o = json_of(s.change);
  o["reason"] = s.reason;
  return o;
}

json::array json_of(const std::vector<app::StaleChangeView>& list) {
  json::array a;
  for (const auto& s : list) a.push_back(json_of(s));
  return a;
}

// The new week and the stale changes deleted with it.
json::value json_of(const app::TimetablePutView& v) {
  auto o = json_of(v.timetable).as_object();
  o["dropped_changes"] = json_of(v.stale);
  o["dropped_count"] = v.stale_count;
  return o;
}

json::value json_of(const rows::MadeLessons& m) {
  json::array conflicts;
  for (const auto& c : m.conflicts)
    conflicts.push_back(json::object{{"date", c.date}, {"class", json_of(c.klass)}, {"period", c.period},
                                     {"group", c.group_no}, {"reason", c.reason}});
  return json::object{{"days", m.days},       {"created", m.created},     {"updated", m.updated},
                      {"unchanged", m.unchanged}, {"removed", m.removed}, {"conflict_count", m.conflict_count},
                      {"conflicts", std::move(conflicts)}};
}

// --- JSON of a teacher's own week -----------------------------------------------------------------

json::object json_of(const app::MyLessonView& l) {
  json::array changes;
  for (const auto& c : l.changes) changes.push_back(json::object{{"id", c.id}, {"kind", domain::to_string(c.kind)}});
  return json::object{
      {"period", l.period},
      {"starts", domain::format_minute(l.start_minute)},
      {"ends", domain::format_minute(l.end_minute)},
      {"class", json_of(l.klass)},
      {"group", l.group},
      {"subject", json_of(l.subject)},
      {"part", domain::to_string(l.part)},
      {"substitute_for", optional_ref(l.substitute_for)},
      {"taken_by", optional_ref(l.taken_by)},
      {"cancelled", l.cancelled},
      {"room", optional_room(l.room)},
      {"room_changed", l.room_changed},
      {"usual_room", optional_room(l.usual_room)},
      {"moved_from", l.moved_from ? json::value(*l.moved_from) : json::value(nullptr)},
      {"note", l.note},
      {"changes", std::move(changes)},
      {"lesson_id", l.lesson_id.empty() ? json::value(nullptr) : json::value(l.lesson_id)}};
}

json::value json_of(const app::MyTimetableView& v) {
  json::array days;
  for (const auto& d : v.days) {
    json::array lessons;
    for (const auto& l : d.lessons) lessons.push_back(json_of(l));
    days.push_back(json::object{{"date", domain::format_date(d.date)},
                                {"weekday", domain::iso_weekday(d.date)},
                                {"school_day", d.school_day},
                                {"bells", d.bells ? json::value(json_of(*d.bells)) : json::value(nullptr)},
                                {"lessons", std::move(lessons)}});
  }
  return json::object{{"week", domain::format_iso_week(v.week)}, {"teacher", json_of(v.teacher)}, {"days", std::move(days)}};
}

json::value json_of(const rows::RoomRecord& r) { return json::object{{"name", r.name}}; }

constexpr auto as_json = [](const auto& v) { return json::value(json_of(v)); };

// --- request bodies --------------------------------------------------------------------------------
Error bad(ErrorCode id, std::string message, std::string field) { return make_error(Errc::invalid_input, id, std::move(message), std::move(field)); }

// The array under `name`, each element an object.
Result<const json::array*> objects(const Fields& f, const char* name, const char* shape) {
  const auto* v = f.find(name);
  if (!v || !v->is_array()) return bad("request.wrong_type", std::string("'") + name + "' must be a list of " + shape, name);
  for (const auto& item : v->as_array())
    if (!item.is_object()) return bad("request.wrong_type", std::string("each entry of '") + name + "' must be an object: " + shape, name);
  return &v->as_array();
}

// A whole number field with its index in a list named in the error.
Result<std::int64_t> integer_at(const Fields& f, const char* name, const std::string& at) {
  auto v = f.integer(name);
  if (!v) return bad(v.error().id, at + v.error().message, at + name);
  return *v;
}

Result<std::string> string_at(const Fields& f, const char* name, const std::string& at) {
  auto v = f.string(name);
  if (!v) return bad(v.error().id, at + v.error().message, at + name);
  return *v;
}

// --- handlers --------------------------------------------------------------------------------------
void get_bells(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_bells(env.ctx, c.session->actor);
  answer(c, r, as_json);
}

void put_bell_variant(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"periods"});
  if (!f) return c.fail(f.error());
  auto list = objects(*f, "periods", "{number, starts, ends, break_after}");
  if (!list) return c.fail(list.error());
  std::vector<app::BellPeriodInput> periods;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string at = "periods[" + std::to_string(i) + "].";
    auto p = Fields::of((**list)[i].as_object(), {"number", "starts", "ends", "break_after"});
    if (!p) return c.fail(p.error());
    app::BellPeriodInput in;
    auto number = integer_at(*p, "number", at);
    if (!number) return c.fail(number.error());
    auto starts = string_at(*p, "starts", at);
    if (!starts) return c.fail(starts.error());
    auto ends = string_at(*p, "ends", at);
    if (!ends) return c.fail(ends.error());
    auto meal = p->optional_string("break_after");
    if (!meal) return c.fail(bad(meal.error().id, at + meal.error().message, at + "break_after"));
    periods.push_back({*number, std::move(*starts), std::move(*ends), std::move(*meal)});
  }
  app::put_bell_variant(env.ctx, c.session->actor, c.param("name"), std::move(periods),
                        c.then<domain::WeekBells>(cp, reply_with(status::ok, as_json)));
}

void put_weekday_bells(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& text = c.param("weekday");
  if (text.size() != 1 || text[0] < '0' || text[0] > '9')
    return c.fail(bad("date.weekday_invalid", "the weekday in the path is 1 (Monday) to 7 (Sunday)", "weekday"));
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"variant"});
  if (!f) return c.fail(f.error());
  if (!f->find("variant")) return c.fail(bad("request.field_missing", "'variant' is required: the bells' name, or null for a day without lessons", "variant"));
  auto variant = f->optional_string("variant");
  if (!variant) return c.fail(variant.error());
  app::put_weekday_bells(env.ctx, c.session->actor, text[0] - '0', std::move(*variant),
                         c.then<domain::WeekBells>(cp, reply_with(status::ok, as_json)));
}

void get_rooms(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_rooms(env.ctx, c.session->actor);
  if (!r) return c.fail(r.error());
  json::array rooms;
  for (const auto& room : *r) rooms.push_back(json_of(room));
  c.json_reply(status::ok, json::object{{"rooms", std::move(rooms)}});
}

void post_room(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name"});
  if (!f) return c.fail(f.error());
  auto name = f->string("name");
  if (!name) return c.fail(name.error());
  app::add_room(env.ctx, c.session->actor, std::move(*name), c.then<rows::RoomRecord>(cp, reply_with(status::created, as_json)));
}

void get_class_timetable(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_class_timetable(env.ctx, c.session->actor, c.param("id"));
  answer(c, r, as_json);
}

void get_my_timetable(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::my_timetable(env.ctx, c.session->actor, c.query["week"]);
  answer(c, r, as_json);
}

void put_class_timetable(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto drop = query_flag(c, "drop_stale_changes");
  if (!drop) return c.fail(drop.error());
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"lessons"});
  if (!f) return c.fail(f.error());
  auto list = objects(*f, "lessons", "{weekday, period, group, subject_id, teacher_id, room}");
  if (!list) return c.fail(list.error());
  std::vector<app::SlotInput> lessons;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string at = "lessons[" + std::to_string(i) + "].";
    auto l = Fields::of((**list)[i].as_object(), {"weekday", "period", "group", "subject_id", "teacher_id", "room"});
    if (!l) return c.fail(l.error());
    app::SlotInput in;
    for (auto [name, dest] : {std::pair{"weekday", &in.weekday}, {"period", &in.period}}) {
      auto v = integer_at(*l, name, at);
      if (!v) return c.fail(v.error());
      *dest = *v;
    }
    auto group = l->optional_integer("group");
    if (!group) return c.fail(bad(group.error().id, at + group.error().message, at + "group"));
    in.group = group->value_or(0);
    for (auto [name, dest] : {std::pair{"subject_id", &in.subject_id}, {"teacher_id", &in.teacher_id}}) {
      auto v = string_at(*l, name, at);
      if (!v) return c.fail(v.error());
      *dest = std::move(*v);
    }
    auto room = l->optional_string("room");
    if (!room) return c.fail(bad(room.error().id, at + room.error().message, at + "room"));
    in.room = std::move(*room);
    lessons.push_back(std::move(in));
  }
  app::put_class_timetable(env.ctx, c.session->actor, c.param("id"), std::move(lessons), *drop,
                           c.then<app::TimetablePutView>(cp, [](Call& c, const app::TimetablePutView& v) {
                             if (!v.refused) return c.json_reply(status::ok, json_of(v));
                             // 409 with the changes that do not fit, so the office can see what to take back.
                             c.fail(*v.refused, json::object{{"changes", json_of(v.stale)}, {"stale_count", v.stale_count}});
                           }));
}

void get_changes(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_changes(env.ctx, c.session->actor, c.query["from"], c.query["to"], c.query["class_id"]);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& ch : *r) list.push_back(json_of(ch));
  c.json_reply(status::ok, json::object{{"changes", std::move(list)}});
}

void post_change(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"date", "class_id", "period", "group", "kind", "subject_id", "teacher_id", "room", "to_period",
                                "note"});
  if (!f) return c.fail(f.error());
  app::ChangeInput in;
  for (auto [name, dest] : {std::pair{"date", &in.date}, {"class_id", &in.class_id}, {"kind", &in.kind}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto period = f->integer("period");
  if (!period) return c.fail(period.error());
  in.period = *period;
  auto group = f->optional_integer("group");
  if (!group) return c.fail(group.error());
  in.group = group->value_or(0);
  for (auto [name, dest] : {std::pair{"subject_id", &in.subject_id}, {"teacher_id", &in.teacher_id}, {"room", &in.room}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto to_period = f->optional_integer("to_period");
  if (!to_period) return c.fail(to_period.error());
  in.to_period = *to_period;
  auto note = f->optional_string("note");
  if (!note) return c.fail(note.error());
  in.note = note->value_or("");
  app::post_change(env.ctx, c.session->actor, std::move(in), c.then<app::ChangeView>(cp, reply_with(status::created, as_json)));
}

void delete_change(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::delete_change(env.ctx, c.session->actor, c.param("id"), c.then<app::ChangeView>(cp, reply_with(status::ok, as_json)));
}

void post_make_lessons(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"from", "to"});
  if (!f) return c.fail(f.error());
  auto from = f->string("from");
  if (!from) return c.fail(from.error());
  auto to = f->string("to");
  if (!to) return c.fail(to.error());
  app::make_lessons(env.ctx, c.session->actor, *from, *to, c.then<rows::MadeLessons>(cp, reply_with(status::ok, as_json)));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// The timetable is public school information for every signed-in person; the office changes it.
constexpr Access all = everyone_signed_in(any);
constexpr Access office = signed_in({{secretary, any}});

const Route rows[] = {
    {V::get, "/api/v1/bells", get_bells, all},
    {V::put, "/api/v1/bells/variants/{name}", put_bell_variant, office},
    {V::put, "/api/v1/bells/weekdays/{weekday}", put_weekday_bells, office},
    {V::get, "/api/v1/rooms", get_rooms, all},
    {V::post, "/api/v1/rooms", post_room, office},
    {V::get, "/api/v1/classes/{id}/timetable", get_class_timetable, all},
    {V::put, "/api/v1/classes/{id}/timetable", put_class_timetable, office},
    {V::get, "/api/v1/me/timetable", get_my_timetable, signed_in({{teacher, own}, {class_teacher, own}})},
    {V::get, "/api/v1/timetable-changes", get_changes, all},
    {V::post, "/api/v1/timetable-changes", post_change, office},
    {V::delete_, "/api/v1/timetable-changes/{id}", delete_change, office},
    {V::post, "/api/v1/lessons/make", post_make_lessons, office},
};

}  // namespace

std::span<const Route> timetable_routes() { return rows; }

}  // namespace classbook::http
