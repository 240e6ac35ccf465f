// routes_school: school life beyond the journal — announcements, conversations, events, behaviour
// notes, clubs, support appeals, the backpack — with their JSON (as docs/openapi.yaml documents it).
#include "app/community.hpp"
#include "domain/day_time.hpp"
#include "http/call.hpp"
#include "http/json_out.hpp"

namespace classbook::http {

namespace {
using Call = Api::Call;

// --- JSON of the school-life views ---------------------------------------------------------------
json::value json_of(const store::PersonRef& p) {
  return json::object{{"id", p.uuid}, {"name", p.name}, {"role", domain::to_string(p.role)}};
}

json::value class_ref(const std::string& uuid, const std::string& name) {
  if (uuid.empty()) return nullptr;  // the whole school
  return json::object{{"id", uuid}, {"name", name}};
}

json::value optional_text(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::value json_of(const store::AnnouncementRecord& a) {
  return json::object{{"id", a.uuid},     {"title", a.title},   {"body", a.body},
                      {"class", class_ref(a.class_uuid, a.class_name)},
                      {"author", json_of(a.author)}, {"created_at", a.created_at}};
}

json::value json_of(const store::MessageRecord& m, long long reader_user) {
  return json::object{{"id", m.uuid}, {"author", json_of(m.author)}, {"body", m.body},
                      {"created_at", m.created_at}, {"mine", m.author.user_id == reader_user}};
}

json::value json_of(const app::ThreadView& t, long long reader_user, bool with_messages) {
  json::array members;
  for (const auto& m : t.members) members.push_back(json_of(m));
  json::object o{{"id", t.thread.uuid}, {"subject", t.thread.subject}, {"created_at", t.thread.created_at},
                 {"last_message_at", t.thread.last_message_at}, {"message_count", t.thread.message_count},
                 {"members", std::move(members)}};
  if (with_messages) {
    json::array messages;
    for (const auto& m : t.messages) messages.push_back(json_of(m, reader_user));
    o["messages"] = std::move(messages);
  }
  return o;
}

json::value json_of(const store::EventRecord& e) {
  return json::object{{"id", e.uuid}, {"date", e.date}, {"title", e.title}, {"body", e.body},
                      {"class", class_ref(e.class_uuid, e.class_name)}};
}

json::value json_of(const app::BehaviourView& b) {
  json::value note = nullptr;
  if (b.note)
    note = json::object{{"id", b.note->uuid}, {"text", b.note->text}, {"author", json_of(b.note->author)}, {"at", b.note->at}};
  return json::object{{"student", to_json(b.student)}, {"week", b.week}, {"note", std::move(note)}};
}

json::value json_of(const store::ClubRecord& c) {
  json::array sessions;
  for (const auto& s : c.sessions)
    sessions.push_back(json::object{{"weekday", s.weekday}, {"starts", domain::format_minute(s.start_minute)},
                                    {"ends", domain::format_minute(s.end_minute)}});
  return json::object{{"id", c.uuid}, {"name", c.name}, {"teacher", c.teacher}, {"room", c.room},
                      {"member_count", c.member_count}, {"sessions", std::move(sessions)}};
}

json::value json_of(const std::vector<store::ClubRecord>& clubs) {
  json::array list;
  for (const auto& c : clubs) list.push_back(json_of(c));
  return list;
}

json::value json_of(const store::AppealRecord& a) {
  return json::object{{"id", a.uuid},         {"number", a.number},   {"topic", a.topic},
                      {"body", a.body},       {"status", a.status},   {"answer", optional_text(a.answer)},
                      {"author", json_of(a.author)}, {"created_at", a.created_at},
                      {"answered_at", optional_text(a.answered_at)}};
}

json::value json_of(const app::BackpackView& b) {
  json::array days;
  for (const auto& d : b.days)
    days.push_back(json::object{{"date", d.date}, {"weekday", d.weekday}, {"grams", d.grams},
                                {"recommended_max_grams", b.recommended_max_grams}, {"too_heavy", d.too_heavy}});
  return json::object{{"student", to_json(b.student)}, {"week", b.week}, {"grade", b.grade},
                      {"recommended_max_grams", b.recommended_max_grams}, {"days", std::move(days)}};
}

template <class T>
json::value list_of(const char* key, const std::vector<T>& items) {
  json::array list;
  for (const auto& i : items) list.push_back(json_of(i));
  return json::object{{key, std::move(list)}};
}

// Answers with the JSON of the value under `s` once a write has committed.
auto reply_with(status s) {
  return [s](Call& c, const auto& v) { c.json_reply(s, json_of(v)); };
}

// --- school life: announcements, conversations, events, behaviour, clubs, appeals, backpack -------
using Handler = void (*)(app::Context&, const std::shared_ptr<Call>&);

void get_announcements(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_announcements(ctx, c.session->actor);
  r ? c.json_reply(status::ok, list_of("announcements", *r)) : c.fail(r.error());
}

void post_announcement(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"title", "body", "class_id"});
  if (!f) return c.fail(f.error());
  app::NewAnnouncement in;
  for (auto [name, dest] : {std::pair{"title", &in.title}, {"body", &in.body}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  auto class_id = f->optional_string("class_id");
  if (!class_id) return c.fail(class_id.error());
  in.class_id = std::move(*class_id);
  app::post_announcement(ctx, c.session->actor, std::move(in),
                         c.then<store::AnnouncementRecord>(cp, reply_with(status::created)));
}

void get_threads(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_threads(ctx, c.session->actor);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& t : *r) list.push_back(json_of(t, c.session->actor.user_id, false));
  c.json_reply(status::ok, json::object{{"threads", std::move(list)}});
}

void post_thread(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"to_user_id", "subject", "body"});
  if (!f) return c.fail(f.error());
  app::NewThread in;
  for (auto [name, dest] : {std::pair{"to_user_id", &in.to_user_id}, {"subject", &in.subject}, {"body", &in.body}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  app::start_thread(ctx, c.session->actor, std::move(in), c.then<app::ThreadView>(cp, [](Call& c, const app::ThreadView& t) {
    c.json_reply(status::created, json_of(t, c.session->actor.user_id, true));
  }));
}

void get_thread(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::get_thread(ctx, c.session->actor, c.path[3]);
  r ? c.json_reply(status::ok, json_of(*r, c.session->actor.user_id, true)) : c.fail(r.error());
}

void post_message(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"body"});
  if (!f) return c.fail(f.error());
  auto body = f->string("body");
  if (!body) return c.fail(body.error());
  app::post_message(ctx, c.session->actor, c.path[3], std::move(*body),
                    c.then<store::MessageRecord>(cp, [](Call& c, const store::MessageRecord& m) {
                      c.json_reply(status::created, json_of(m, c.session->actor.user_id));
                    }));
}

void get_events(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_events(ctx, c.session->actor, c.query["from"], c.query["to"]);
  r ? c.json_reply(status::ok, list_of("events", *r)) : c.fail(r.error());
}

void get_behaviour(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::get_behaviour(ctx, c.session->actor, c.path[3], c.path[5]);
  r ? c.json_reply(status::ok, json_of(*r)) : c.fail(r.error());
}

void put_behaviour(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"text"});
  if (!f) return c.fail(f.error());
  auto text = f->string("text");
  if (!text) return c.fail(text.error());
  app::put_behaviour(ctx, c.session->actor, c.path[3], c.path[5], std::move(*text),
                     c.then<app::BehaviourView>(cp, reply_with(status::ok)));
}

void get_clubs(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  auto clubs = app::list_clubs(ctx);
  if (!clubs) return cp->fail(clubs.error());
  cp->json_reply(status::ok, json::object{{"clubs", json_of(*clubs)}});
}

void get_pupil_clubs(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::get_pupil_clubs(ctx, c.session->actor, c.path[3]);
  if (!r) return c.fail(r.error());
  c.json_reply(status::ok, json::object{{"student", to_json(r->student)}, {"clubs", json_of(r->clubs)}});
}

void post_appeal(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"topic", "body"});
  if (!f) return c.fail(f.error());
  app::NewAppeal in;
  for (auto [name, dest] : {std::pair{"topic", &in.topic}, {"body", &in.body}}) {
    auto v = f->string(name);
    if (!v) return c.fail(v.error());
    *dest = std::move(*v);
  }
  app::file_appeal(ctx, c.session->actor, std::move(in), c.then<store::AppealRecord>(cp, reply_with(status::created)));
}

void get_appeals(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::list_appeals(ctx, c.session->actor, c.query["status"]);
  r ? c.json_reply(status::ok, list_of("appeals", *r)) : c.fail(r.error());
}

void patch_appeal(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"status", "answer"});
  if (!f) return c.fail(f.error());
  app::AppealChange in;
  in.appeal_id = c.path[3];
  auto st = f->string("status");
  if (!st) return c.fail(st.error());
  auto answer = f->optional_string("answer");
  if (!answer) return c.fail(answer.error());
  in.status = std::move(*st);
  in.answer = std::move(*answer);
  app::change_appeal(ctx, c.session->actor, std::move(in), c.then<store::AppealRecord>(cp, reply_with(status::ok)));
}

void get_backpack(app::Context& ctx, const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto r = app::get_backpack(ctx, c.session->actor, c.path[3], c.query["week"]);
  r ? c.json_reply(status::ok, json_of(*r)) : c.fail(r.error());
}

// The handler of a school-life path, or none when the request is not one.
Handler school_life_handler(const Call& c) {
  constexpr std::string_view a = "api", v1 = "v1";
  if (c.is(verb::get, {a, v1, "announcements"})) return get_announcements;
  if (c.is(verb::post, {a, v1, "announcements"})) return post_announcement;
  if (c.is(verb::get, {a, v1, "threads"})) return get_threads;
  if (c.is(verb::post, {a, v1, "threads"})) return post_thread;
  if (c.is(verb::get, {a, v1, "threads", "*"})) return get_thread;
  if (c.is(verb::post, {a, v1, "threads", "*", "messages"})) return post_message;
  if (c.is(verb::get, {a, v1, "events"})) return get_events;
  if (c.is(verb::get, {a, v1, "students", "*", "weeks", "*", "behaviour"})) return get_behaviour;
  if (c.is(verb::put, {a, v1, "students", "*", "weeks", "*", "behaviour"})) return put_behaviour;
  if (c.is(verb::get, {a, v1, "clubs"})) return get_clubs;
  if (c.is(verb::get, {a, v1, "students", "*", "clubs"})) return get_pupil_clubs;
  if (c.is(verb::post, {a, v1, "appeals"})) return post_appeal;
  if (c.is(verb::get, {a, v1, "appeals"})) return get_appeals;
  if (c.is(verb::patch, {a, v1, "appeals", "*"})) return patch_appeal;
  if (c.is(verb::get, {a, v1, "students", "*", "backpack"})) return get_backpack;
  return nullptr;
}
// --- end of school life ---------------------------------------------------------------------------

}  // namespace

void Api::route_school(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  // --- school life: announcements, threads, events, behaviour, clubs, appeals, backpack (handlers above)
  if (const auto handler = school_life_handler(c)) return handler(ctx_, cp);
  // --- end of school life
  route_roster(cp);  // not a school-life path: maybe the office's roster
}

}  // namespace classbook::http
