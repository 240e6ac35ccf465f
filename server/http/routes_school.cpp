// routes_school: school life beyond the journal — announcements, conversations, events, behaviour
// notes, clubs, support appeals, the backpack — with their JSON (as docs/openapi.yaml documents it).
#include "app/community.hpp"
#include "http/json_school.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {

namespace {

// --- JSON of the school-life views ---------------------------------------------------------------
json::value json_of(const rows::PersonRef& p) {
  return json::object{{"id", p.uuid}, {"name", p.name}, {"role", domain::to_string(p.role)}};
}

json::value class_ref(const std::string& uuid, const std::string& name) {
  if (uuid.empty()) return nullptr;  // the whole school
  return json::object{{"id", uuid}, {"name", name}};
}

json::value optional_text(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::value json_of(const rows::AnnouncementRecord& a) {
  return json::object{{"id", a.uuid},     {"title", a.title},   {"body", a.body},
                      {"class", class_ref(a.class_uuid, a.class_name)},
                      {"author", json_of(a.author)}, {"created_at", a.created_at}};
}

json::value json_of(const rows::MessageRecord& m, long long reader_user) {
  return json::object{{"id", m.uuid}, {"author", json_of(m.author)}, {"body", m.body},
                      {"created_at", m.created_at}, {"mine", m.author.user_id == reader_user}};
}

json::value json_of(const app::ThreadView& t, long long reader_user, bool with_messages) {
  json::array members;
  for (const auto& m : t.members) members.push_back(json_of(m));
  json::object o{{"id", t.thread.uuid}, {"subject", t.thread.subject}, {"created_at", t.thread.created_at},
                 {"last_message_at", t.thread.last_message_at}, {"message_count", t.thread.message_count},
                 {"members", std::move(members)}};
  if (!with_messages) o["unread"] = t.thread.unread;
  if (with_messages) {
    json::array messages;
    for (const auto& m : t.messages) messages.push_back(json_of(m, reader_user));
    o["messages"] = std::move(messages);
  }
  return o;
}

json::value json_of(const rows::DirectoryEntry& e) {
  json::array links;
  for (const auto& l : e.links)
    links.push_back(json::object{{"class", class_ref(l.class_uuid, l.class_name)},
                                 {"subject", l.subject.empty() ? json::value(nullptr) : json::value(l.subject)},
                                 {"class_teacher", l.class_teacher},
                                 {"child", l.child.empty() ? json::value(nullptr) : json::value(l.child)}});
  auto o = json_of(e.person).as_object();
  o["links"] = std::move(links);
  return o;
}

json::value json_of(const rows::EventRecord& e) { return event_json(e); }
json::value json_of(const rows::ClubRecord& c) { return club_json(c); }

json::value json_of(const app::BehaviourView& b) {
  json::value note = nullptr;
  if (b.note)
    note = json::object{{"id", b.note->uuid}, {"text", b.note->text}, {"author", json_of(b.note->author)}, {"at", b.note->at}};
  return json::object{{"student", to_json(b.student)}, {"week", b.week}, {"note", std::move(note)}};
}

json::value json_of(const std::vector<rows::ClubRecord>& clubs) {
  json::array list;
  for (const auto& c : clubs) list.push_back(json_of(c));
  return list;
}

json::value json_of(const rows::AppealRecord& a) {
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

constexpr auto as_json = [](const auto& v) { return json::value(json_of(v)); };

// --- school life: announcements, conversations, events, behaviour, clubs, appeals, backpack -------
void get_announcements(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_announcements(env.ctx, c.session->actor);
  answer_list(c, "announcements", r, as_json);
}

void post_announcement(Env& env, const CallPtr& cp) {
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
  app::post_announcement(env.ctx, c.session->actor, std::move(in),
                         c.then<rows::AnnouncementRecord>(cp, reply_with(status::created, as_json)));
}

void get_threads(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_threads(env.ctx, c.session->actor);
  if (!r) return c.fail(r.error());
  json::array list;
  long long unread = 0;
  for (const auto& t : *r) {
    list.push_back(json_of(t, c.session->actor.user_id, false));
    unread += t.thread.unread;
  }
  c.json_reply(status::ok, json::object{{"threads", std::move(list)}, {"unread", unread}});
}

void put_thread_read(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::mark_thread_read(env.ctx, c.session->actor, c.param("id"), c.then<Ok>(cp, reply_no_content));
}

void get_directory(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_directory(env.ctx, c.session->actor);
  answer_list(c, "people", r, as_json);
}

void post_thread(Env& env, const CallPtr& cp) {
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
  app::start_thread(env.ctx, c.session->actor, std::move(in), c.then<app::ThreadView>(cp, [](Call& c, const app::ThreadView& t) {
    c.json_reply(status::created, json_of(t, c.session->actor.user_id, true));
  }));
}

void get_thread(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_thread(env.ctx, c.session->actor, c.param("id"));
  r ? c.json_reply(status::ok, json_of(*r, c.session->actor.user_id, true)) : c.fail(r.error());
}

void post_message(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"body"});
  if (!f) return c.fail(f.error());
  auto body = f->string("body");
  if (!body) return c.fail(body.error());
  app::post_message(env.ctx, c.session->actor, c.param("id"), std::move(*body),
                    c.then<rows::MessageRecord>(cp, [](Call& c, const rows::MessageRecord& m) {
                      c.json_reply(status::created, json_of(m, c.session->actor.user_id));
                    }));
}

void get_events(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_events(env.ctx, c.session->actor, c.query["from"], c.query["to"]);
  answer_list(c, "events", r, as_json);
}

void get_behaviour(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_behaviour(env.ctx, c.session->actor, c.param("id"), c.param("week"));
  answer(c, r, as_json);
}

void put_behaviour(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"text"});
  if (!f) return c.fail(f.error());
  auto text = f->string("text");
  if (!text) return c.fail(text.error());
  app::put_behaviour(env.ctx, c.session->actor, c.param("id"), c.param("week"), std::move(*text),
                     c.then<app::BehaviourView>(cp, reply_with(status::ok, as_json)));
}

void get_clubs(Env& env, const CallPtr& cp) {
  auto clubs = app::list_clubs(env.ctx);
  if (!clubs) return cp->fail(clubs.error());
  cp->json_reply(status::ok, json::object{{"clubs", json_of(*clubs)}});
}

void get_pupil_clubs(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_pupil_clubs(env.ctx, c.session->actor, c.param("id"));
  if (!r) return c.fail(r.error());
  c.json_reply(status::ok, json::object{{"student", to_json(r->student)}, {"clubs", json_of(r->clubs)}});
}

void post_appeal(Env& env, const CallPtr& cp) {
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
  app::file_appeal(env.ctx, c.session->actor, std::move(in), c.then<rows::AppealRecord>(cp, reply_with(status::created, as_json)));
}

void get_appeals(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::list_appeals(env.ctx, c.session->actor, c.query["status"]);
  answer_list(c, "appeals", r, as_json);
}

void patch_appeal(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"status", "answer"});
  if (!f) return c.fail(f.error());
  app::AppealChange in;
  in.appeal_id = c.param("id");
  auto st = f->string("status");
  if (!st) return c.fail(st.error());
  auto answer = f->optional_string("answer");
  if (!answer) return c.fail(answer.error());
  in.status = std::move(*st);
  in.answer = std::move(*answer);
  app::change_appeal(env.ctx, c.session->actor, std::move(in), c.then<rows::AppealRecord>(cp, reply_with(status::ok, as_json)));
}

void get_backpack(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto r = app::get_backpack(env.ctx, c.session->actor, c.param("id"), c.query["week"]);
  answer(c, r, as_json);
}

using enum Audience;
using enum Reach;
using V = bh::verb;

// School life: each use case asks domain/messaging, behaviour, clubs, appeal or backpack rules.
constexpr Access all = everyone_signed_in(any);
// A new thread goes to someone linked to the sender (domain/messaging.hpp); the director writes to anyone.
constexpr Access writes_to_family = [] {
  auto a = everyone_signed_in(own);
  a.reach[static_cast<std::size_t>(director)] = any;
  return a;
}();
constexpr Access pupil_family = signed_in({{student, own}, {guardian, own}, {teacher, own}, {class_teacher, own}, {director, any}});

const Route rows[] = {
    {V::get, "/api/v1/announcements", get_announcements, all},
    {V::post, "/api/v1/announcements", post_announcement,
     signed_in({{teacher, own}, {class_teacher, own}, {secretary, any}, {director, any}})},
    {V::get, "/api/v1/threads", get_threads, everyone_signed_in(own)},
    {V::post, "/api/v1/threads", post_thread, writes_to_family},
    {V::get, "/api/v1/threads/{id}", get_thread, everyone_signed_in(own)},
    {V::post, "/api/v1/threads/{id}/messages", post_message, everyone_signed_in(own)},
    // messages (issue 10): what is unread, and whom one may write to
    {V::put, "/api/v1/threads/{id}/read", put_thread_read, everyone_signed_in(own)},
    {V::get, "/api/v1/directory", get_directory, everyone_signed_in(own)},
    {V::get, "/api/v1/events", get_events, all},
    {V::get, "/api/v1/students/{id}/weeks/{week}/behaviour", get_behaviour, pupil_family},
    {V::put, "/api/v1/students/{id}/weeks/{week}/behaviour", put_behaviour, signed_in({{class_teacher, own}})},
    {V::get, "/api/v1/clubs", get_clubs, all},
    {V::get, "/api/v1/students/{id}/clubs", get_pupil_clubs, pupil_family},
    {V::post, "/api/v1/appeals", post_appeal, everyone_signed_in(own)},
    {V::get, "/api/v1/appeals", get_appeals, all},
    {V::patch, "/api/v1/appeals/{id}", patch_appeal, signed_in({{secretary, any}, {director, any}, {admin, any}})},
    {V::get, "/api/v1/students/{id}/backpack", get_backpack, pupil_family},
};

}  // namespace

std::span<const Route> school_routes() { return rows; }

}  // namespace classbook::http
