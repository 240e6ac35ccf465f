// routes_school_admin: the director's settings of the school (name and year, terms, grade scale, work
// types and their weights) and the office's events and clubs — the writes behind issue 12's screens.
#include "app/school_life.hpp"
#include "app/school_settings.hpp"
#include "http/json_school.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

// --- request bodies --------------------------------------------------------------------------------
Error bad(ErrorCode id, std::string message, std::string field) {
  return make_error(Errc::invalid_input, id, std::move(message), std::move(field));
}

// The array under `name`, each element an object; absent is an error only when `required`.
Result<const json::array*> objects(const Fields& f, const char* name, const char* shape, bool required) {
  const auto* v = f.find(name);
  if (!v && !required) return static_cast<const json::array*>(nullptr);
  if (!v || !v->is_array()) return bad("request.wrong_type", std::string("'") + name + "' must be a list of " + shape, name);
  for (const auto& item : v->as_array())
    if (!item.is_object()) return bad("request.wrong_type", std::string("each entry of '") + name + "' must be an object: " + shape, name);
  return &v->as_array();
}

// Errors of one entry of a list say which entry: "terms[2].from".
Error at(const Error& e, const std::string& where, const char* field) {
  return bad(e.id, where + e.message, where + field);
}

// A field of a change: absent keeps, null clears, a string replaces.
Result<app::Edit<std::string>> edit_of(const Fields& f, std::string_view name) {
  app::Edit<std::string> e;
  const auto* v = f.find(name);
  if (!v) return e;
  if (v->is_null()) {
    e.emplace();
    return e;
  }
  if (!v->is_string())
    return bad("request.wrong_type", "'" + std::string(name) + "' must be a string or null", std::string(name));
  e.emplace(std::string(v->as_string()));
  return e;
}

Result<std::optional<int>> optional_int(const Fields& f, const char* name) {
  auto v = f.optional_integer(name);
  if (!v) return v.error();
  if (!*v) return std::optional<int>{};
  if (**v < -1000000 || **v > 1000000) return bad("request.wrong_type", std::string("'") + name + "' is out of range", name);
  return std::optional<int>{static_cast<int>(**v)};
}

Result<std::vector<app::ClubSessionText>> club_sessions(const json::array& list) {
  std::vector<app::ClubSessionText> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "sessions[" + std::to_string(i) + "].";
    auto p = Fields::of(list[i].as_object(), {"weekday", "starts", "ends"});
    if (!p) return at(p.error(), where, "");
    auto weekday = p->integer("weekday");
    if (!weekday) return at(weekday.error(), where, "weekday");
    auto starts = p->string("starts");
    if (!starts) return at(starts.error(), where, "starts");
    auto ends = p->string("ends");
    if (!ends) return at(ends.error(), where, "ends");
    if (*weekday < 1 || *weekday > 7) return bad("date.weekday_invalid", where + "weekday is 1 (Monday) to 7 (Sunday)", where + "weekday");
    out.push_back({static_cast<int>(*weekday), std::move(*starts), std::move(*ends)});
  }
  return out;
}

constexpr auto as_school = [](const app::SchoolView& v) { return school_json(v); };
constexpr auto as_work_type = [](const domain::WorkType& w) { return work_type_json(w); };
constexpr auto as_event = [](const rows::EventRecord& e) { return event_json(e); };
constexpr auto as_club = [](const rows::ClubRecord& c) { return club_json(c); };

// --- the director's settings -----------------------------------------------------------------------
void patch_school(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "year", "score_thresholds"});
  if (!f) return c.fail(f.error());
  app::SchoolChange in;
  auto thresholds = f->optional_string("score_thresholds");
  if (!thresholds) return c.fail(thresholds.error());
  in.score_thresholds = std::move(*thresholds);
  auto name = f->optional_string("name");
  if (!name) return c.fail(name.error());
  auto year = f->optional_string("year");
  if (!year) return c.fail(year.error());
  in.name = std::move(*name);
  in.year = std::move(*year);
  app::change_school(env.ctx, c.session->actor, std::move(in), c.then<app::SchoolView>(cp, reply_with(status::ok, as_school)));
}

void put_terms(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"year", "terms"});
  if (!f) return c.fail(f.error());
  app::TermsChange in;
  auto year = f->optional_string("year");
  if (!year) return c.fail(year.error());
  in.year = std::move(*year);
  auto list = objects(*f, "terms", "{number, from, to}", true);
  if (!list) return c.fail(list.error());
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string where = "terms[" + std::to_string(i) + "].";
    auto t = Fields::of((**list)[i].as_object(), {"number", "from", "to"});
    if (!t) return c.fail(at(t.error(), where, ""));
    auto number = t->integer("number");
    if (!number) return c.fail(at(number.error(), where, "number"));
    auto from = t->string("from");
    if (!from) return c.fail(at(from.error(), where, "from"));
    auto to = t->string("to");
    if (!to) return c.fail(at(to.error(), where, "to"));
    if (*number < 0 || *number > 1000) return c.fail(bad("school.terms_invalid", where + "number is 1, 2, …", where + "number"));
    in.terms.push_back({static_cast<int>(*number), std::move(*from), std::move(*to)});
  }
  app::replace_terms(env.ctx, c.session->actor, std::move(in), c.then<app::SchoolView>(cp, reply_with(status::ok, as_school)));
}

void put_grade_scale(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"max"});
  if (!f) return c.fail(f.error());
  auto max = f->integer("max");
  if (!max) return c.fail(max.error());
  const int value = *max < 0 || *max > 1000 ? -1 : static_cast<int>(*max);
  app::change_grade_scale(env.ctx, c.session->actor, value, c.then<app::SchoolView>(cp, reply_with(status::ok, as_school)));
}

void put_work_type(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "weight", "rank"});
  if (!f) return c.fail(f.error());
  app::WorkTypeChange in;
  in.code = c.param("code");
  auto name = f->optional_string("name");
  if (!name) return c.fail(name.error());
  in.name = std::move(*name);
  auto weight = optional_int(*f, "weight");
  if (!weight) return c.fail(weight.error());
  in.weight = *weight;
  auto rank = optional_int(*f, "rank");
  if (!rank) return c.fail(rank.error());
  in.rank = *rank;
  app::change_work_type(env.ctx, c.session->actor, std::move(in), c.then<domain::WorkType>(cp, reply_with(status::ok, as_work_type)));
}

void post_work_type(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"code", "name", "weight", "rank"});
  if (!f) return c.fail(f.error());
  app::NewWorkType in;
  auto code = f->string("code");
  if (!code) return c.fail(code.error());
  auto name = f->string("name");
  if (!name) return c.fail(name.error());
  auto weight = f->integer("weight");
  if (!weight) return c.fail(weight.error());
  auto rank = optional_int(*f, "rank");
  if (!rank) return c.fail(rank.error());
  in.code = std::move(*code);
  in.name = std::move(*name);
  in.weight = *weight < -1000 || *weight > 1000 ? -1 : static_cast<int>(*weight);
  in.rank = *rank;
  app::add_work_type(env.ctx, c.session->actor, std::move(in), c.then<domain::WorkType>(cp, reply_with(status::created, as_work_type)));
}

// --- the office's events -------------------------------------------------------------------------------
void post_event(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"title", "date", "start", "end", "place", "class_id", "body"});
  if (!f) return c.fail(f.error());
  app::NewEvent in;
  for (auto [name, dest] : {std::pair{"title", &in.title}, {"date", &in.date}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  for (auto [name, dest] : {std::pair{"start", &in.start}, {"end", &in.end}, {"place", &in.place}, {"class_id", &in.class_id}, {"body", &in.body}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  app::create_event(env.ctx, c.session->actor, std::move(in), c.then<rows::EventRecord>(cp, reply_with(status::created, as_event)));
}

void patch_event(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"title", "date", "start", "end", "place", "class_id", "body"});
  if (!f) return c.fail(f.error());
  app::EventChange in;
  in.event_id = c.param("id");
  for (auto [name, dest] : {std::pair{"title", &in.title}, {"date", &in.date}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  for (auto [name, dest] : {std::pair{"start", &in.start}, {"end", &in.end}, {"place", &in.place}, {"class_id", &in.class_id}, {"body", &in.body}}) {
    auto v = edit_of(*f, name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  app::change_event(env.ctx, c.session->actor, std::move(in), c.then<rows::EventRecord>(cp, reply_with(status::ok, as_event)));
}

void post_event_cancel(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"reason"});
  if (!f) return c.fail(f.error());
  auto reason = f->string("reason");
  if (!reason) return c.fail(reason.error());
  app::cancel_event(env.ctx, c.session->actor, c.param("id"), std::move(*reason),
                    c.then<rows::EventRecord>(cp, reply_with(status::ok, as_event)));
}

// --- the office's clubs --------------------------------------------------------------------------------
void post_club(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "teacher_id", "room", "sessions"});
  if (!f) return c.fail(f.error());
  app::NewClub in;
  auto name = f->string("name");
  if (!name) return c.fail(name.error());
  in.name = std::move(*name);
  for (auto [field, dest] : {std::pair{"teacher_id", &in.teacher_id}, {"room", &in.room}}) {
    auto v = f->optional_string(field);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto list = objects(*f, "sessions", "{weekday, starts, ends}", false);
  if (!list) return c.fail(list.error());
  if (*list) {
    auto sessions = club_sessions(**list);
    if (!sessions) return c.fail(sessions.error());
    in.sessions = std::move(*sessions);
  }
  app::create_club(env.ctx, c.session->actor, std::move(in), c.then<rows::ClubRecord>(cp, reply_with(status::created, as_club)));
}

void patch_club(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"name", "teacher_id", "room", "sessions"});
  if (!f) return c.fail(f.error());
  app::ClubChange in;
  in.club_id = c.param("id");
  auto name = f->optional_string("name");
  if (!name) return c.fail(name.error());
  in.name = std::move(*name);
  for (auto [field, dest] : {std::pair{"teacher_id", &in.teacher_id}, {"room", &in.room}}) {
    auto v = edit_of(*f, field);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto list = objects(*f, "sessions", "{weekday, starts, ends}", false);
  if (!list) return c.fail(list.error());
  if (*list) {
    auto sessions = club_sessions(**list);
    if (!sessions) return c.fail(sessions.error());
    in.sessions = std::move(*sessions);
  }
  app::change_club(env.ctx, c.session->actor, std::move(in), c.then<rows::ClubRecord>(cp, reply_with(status::ok, as_club)));
}

void post_club_cancel(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  std::optional<std::string> reason;
  if (!c.req.body().empty()) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"reason"});
    if (!f) return c.fail(f.error());
    auto r = f->optional_string("reason");
    if (!r) return c.fail(r.error());
    reason = std::move(*r);
  }
  app::close_club(env.ctx, c.session->actor, c.param("id"), std::move(reason),
                  c.then<rows::ClubRecord>(cp, reply_with(status::ok, as_club)));
}

void put_club_member(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::add_club_member(env.ctx, c.session->actor, c.param("id"), c.param("student_id"),
                       c.then<rows::ClubRecord>(cp, reply_with(status::ok, as_club)));
}

void delete_club_member(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::remove_club_member(env.ctx, c.session->actor, c.param("id"), c.param("student_id"),
                          c.then<rows::ClubRecord>(cp, reply_with(status::ok, as_club)));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// domain Action::manage_school: the director alone; manage_school_life: the office and the director.
constexpr Access director_only = signed_in({{director, any}});
constexpr Access office_and_director = signed_in({{secretary, any}, {director, any}});

const Route rows[] = {
    {V::patch, "/api/v1/school", patch_school, director_only},
    {V::put, "/api/v1/school/terms", put_terms, director_only},
    {V::put, "/api/v1/school/grade-scale", put_grade_scale, director_only},
    {V::post, "/api/v1/work-types", post_work_type, director_only},
    {V::put, "/api/v1/work-types/{code}", put_work_type, director_only},
    {V::post, "/api/v1/events", post_event, office_and_director},
    {V::patch, "/api/v1/events/{id}", patch_event, office_and_director},
    {V::post, "/api/v1/events/{id}/cancel", post_event_cancel, office_and_director},
    {V::post, "/api/v1/clubs", post_club, office_and_director},
    {V::patch, "/api/v1/clubs/{id}", patch_club, office_and_director},
    {V::post, "/api/v1/clubs/{id}/cancel", post_club_cancel, office_and_director},
    {V::put, "/api/v1/clubs/{id}/members/{student_id}", put_club_member, office_and_director},
    {V::delete_, "/api/v1/clubs/{id}/members/{student_id}", delete_club_member, office_and_director},
};

}  // namespace

std::span<const Route> school_admin_routes() { return rows; }

}  // namespace classbook::http
