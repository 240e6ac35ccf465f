// routes_session: the public edges (health, metrics, the web UI's files), signing in and out, and
// the signed-in person's own account: /me, the password, the own sessions, password resets.
#include "app/health.hpp"
#include "app/me.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"
#include "http/web_app.hpp"

namespace classbook::http {
namespace {

void get_health(Env& env, const CallPtr& cp) {
  auto r = app::check_health(env.ctx);
  r ? cp->json_reply(status::ok, json::object{{"status", "ok"}, {"school", r->school}}) : cp->fail(r.error());
}

void get_metrics(Env& env, const CallPtr& cp) {
  cp->reply(make_response(status::ok, cp->req.version(), env.api.metrics_text(), "text/plain; version=0.0.4"));
}

// The browser app's files, and its own pages (web_app.hpp).
void get_web_file(Env&, const CallPtr& cp) { serve_web_app(*cp); }

void post_session(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"login", "password"});
  if (!f) return c.fail(f.error());
  auto login = f->string("login");
  if (!login) return c.fail(login.error());
  auto password = f->string("password");
  if (!password) return c.fail(password.error());
  env.sessions.sign_in(*login, *password, c.peer.address, std::string(c.req[bh::field::user_agent]),
                       c.then<app::SignedIn>(cp, [](Call& c, app::SignedIn s) {
                         const auto& u = s.session.user;
                         auto res = make_response(
                             status::ok, c.req.version(),
                             json::serialize(json::object{
                                 {"user", json::object{{"id", u.uuid}, {"role", domain::to_string(u.role)}, {"name", u.display_name}}},
                                 {"csrf_token", s.session.csrf},
                                 {"must_change_password", u.must_change_password}}));
                         res.set(bh::field::set_cookie, std::string(session_cookie) + "=" + s.token +
                                                            "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=43200");
                         c.reply(std::move(res));
                       }));
}

void delete_session(Env& env, const CallPtr& cp) {
  env.sessions.sign_out(*cp->session, cp->then<Ok>(cp, [](Call& c, Ok) {
    auto res = make_response(status::no_content, c.req.version(), "");
    res.set(bh::field::set_cookie, std::string(session_cookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
    c.reply(std::move(res));
  }));
}

// A pupil as every view shows one, plus the class's uuid: the web app asks for class views (averages)
// by it, and only /me adds it so other answers keep their shape.
json::value with_class_id(const rows::StudentBrief& s) {
  auto o = to_json(s);
  o.as_object()["class_id"] = s.class_uuid;
  o.as_object()["group"] = s.group_no;  // timetable (issue 10): which of a class's group lessons are the pupil's
  return o;
}

void get_me(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& u = c.session->user;
  auto view = app::about_me(env.ctx, c.session->actor);
  if (!view) return c.fail(view.error());
  json::object me{{"id", u.uuid}, {"login", u.login}, {"role", domain::to_string(u.role)}, {"name", u.display_name},
                  {"must_change_password", u.must_change_password}, {"csrf_token", c.session->csrf}};
  if (u.role == domain::Role::guardian) {
    json::array kids;
    for (const auto& s : view->children) kids.push_back(with_class_id(s));
    me["children"] = std::move(kids);
  } else if (u.role == domain::Role::student) {
    if (view->student) me["student"] = with_class_id(*view->student);
  } else if (u.role == domain::Role::teacher) {
    json::array teaches, homeroom;
    for (const auto& t : view->teaches)
      teaches.push_back(json::object{{"class_id", t.class_id}, {"class", t.class_name}, {"subject_id", t.subject_id},
                                     {"subject", t.subject}});
    for (const auto& k : view->class_teacher_of) homeroom.push_back(json::object{{"class_id", k.id}, {"class", k.name}});
    me["teaches"] = std::move(teaches);
    me["class_teacher_of"] = std::move(homeroom);
    me["teacher_id"] = view->teacher_id;  // timetable (issue 10): the own lessons in class timetables
  }
  if (view->holds_contacts) {
    const auto or_null = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
    me["contacts"] = json::object{{"phone", or_null(view->phone)}, {"email", or_null(view->email)}};
  }
  c.json_reply(status::ok, me);
}

void post_password(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"old_password", "new_password"});
  if (!f) return c.fail(f.error());
  auto old_pw = f->string("old_password");
  if (!old_pw) return c.fail(old_pw.error());
  auto new_pw = f->string("new_password");
  if (!new_pw) return c.fail(new_pw.error());
  env.sessions.change_password(*c.session, *old_pw, *new_pw, c.then<Ok>(cp, reply_no_content));
}

void get_sessions(Env& env, const CallPtr& cp) {
  auto r = env.sessions.list(*cp->session);
  if (!r) return cp->fail(r.error());
  cp->json_reply(status::ok, list_of("sessions", *r));
}

void delete_own_session(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  const auto& text = c.param("id");
  char* end = nullptr;
  const long long id = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0') return c.fail(Errc::invalid_input, "session.id_malformed", "the session id is a number from GET /api/v1/sessions");
  env.sessions.revoke(*c.session, id, c.then<Ok>(cp, reply_no_content));
}

void post_password_reset(Env& env, const CallPtr& cp) {
  env.sessions.reset_password(*cp->session, cp->param("login"), cp->then<std::string>(cp, [](Call& c, std::string otp) {
    c.json_reply(status::ok, json::object{{"login", c.param("login")}, {"one_time_password", otp}});
  }));
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    {V::get, "/healthz", get_health, open_to(Caller::anyone)},
    {V::get, "/metrics", get_metrics, open_to(Caller::scraper)},
    {V::get, "/", get_web_file, open_to(Caller::anyone, true)},
    {V::get, "/{file}", get_web_file, open_to(Caller::anyone, true)},
    {V::post, "/api/v1/session", post_session, open_to(Caller::anyone)},
    {V::delete_, "/api/v1/session", delete_session, everyone_signed_in(own).open_before_password_change()},
    {V::get, "/api/v1/me", get_me, everyone_signed_in(own).open_before_password_change()},
    {V::post, "/api/v1/me/password", post_password, everyone_signed_in(own).open_before_password_change()},
    {V::get, "/api/v1/sessions", get_sessions, everyone_signed_in(own)},
    {V::delete_, "/api/v1/sessions/{id}", delete_own_session, everyone_signed_in(own)},
    // Current policy: the secretary resets anyone's password, a class teacher those of the own class.
    {V::post, "/api/v1/users/{login}/password-reset", post_password_reset, signed_in({{class_teacher, own}, {secretary, any}})},
};

}  // namespace

std::span<const Route> session_routes() { return rows; }

}  // namespace classbook::http
