// api: routing, authentication of the caller, CSRF, JSON in and out.
#include "http/api.hpp"
#include "http/call.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <sstream>

#include "app/reads.hpp"
#include "app/writes.hpp"
#include "classbook/common/crypto.hpp"
#include "http/json_in.hpp"
#include "http/json_out.hpp"
#include "http/static_files.hpp"
#include "store/lookup.hpp"
#include "store/people.hpp"

namespace classbook::http {
namespace json = boost::json;
namespace bh = boost::beast::http;
using bh::status;
using bh::verb;

void Api::count(int s) {
  std::lock_guard lock(metrics_mutex_);
  ++responses_[s];
}

void Api::tap_recorded(const std::string& result) {
  std::lock_guard lock(metrics_mutex_);
  ++taps_[result];
}

void Api::handle(Request&& req, const Peer& peer, Respond respond) {
  auto c = std::make_shared<Call>(Call{*this, std::move(req), peer, std::move(respond), {}, {}, {}});
  auto parsed = boost::urls::parse_origin_form(c->req.target());
  if (!parsed) return c->fail(Errc::invalid_input, "the request target is not a valid path");
  for (auto seg : parsed->segments()) c->path.push_back(seg);
  for (auto p : parsed->params()) c->query[p.key] = p.value;
  route(c);
}

namespace {
// Paths where a signed-in user whose one-time password is still unchanged may go.
bool allowed_before_password_change(const std::vector<std::string>& p) {
  return p == std::vector<std::string>{"api", "v1", "me"} || p == std::vector<std::string>{"api", "v1", "session"} ||
         p == std::vector<std::string>{"api", "v1", "me", "password"};
}
}  // namespace

void Api::route(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto m = c.req.method();
  if (c.path_is({"healthz"}) && m == verb::get) {
    auto db = ctx_.readers.acquire();
    auto& q = db->prepare("SELECT count(*) FROM settings");
    const bool ok = q.first_or([](store::Stmt&) { return true; }, false).ok();
    return ok ? c.json_reply(status::ok, json::object{{"status", "ok"}, {"school", ctx_.settings.name}})
              : c.fail(Errc::unavailable, "the database does not answer");
  }
  if (c.path_is({"metrics"}) && m == verb::get) return metrics(c);
  if (m == verb::get && (c.path.empty() || c.path.size() == 1) && (c.path.empty() || c.path[0] != "api")) {
    const std::string want = c.path.empty() || c.path[0].empty() ? "/index.html" : "/" + c.path[0];
    for (const auto& f : static_files())
      if (f.path == want) {
        auto res = make_response(status::ok, c.req.version(), f.body, f.content_type.c_str());
        res.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        res.set("Referrer-Policy", "no-referrer");
        return c.reply(std::move(res));
      }
  }
  if (c.path.size() < 3 || c.path[0] != "api" || c.path[1] != "v1")
    return c.fail(Errc::not_found, "no such page; the API lives under /api/v1");

  // Kiosks: a client certificate or a device key, no cookie and so no CSRF.
  if (route_device(cp)) return;

  if (c.path_is({"api", "v1", "session"}) && m == verb::post) return route_session(cp);

  // Everything else needs a signed-in user.
  auto session = sessions_.resolve(cookie_value(c.req[bh::field::cookie], session_cookie));
  if (!session) return c.fail(session.error());
  c.session = std::move(*session);
  if (m != verb::get && m != verb::head) {
    // CSRF: a state change must echo the token only our own pages can read.
    if (!constant_time_equal(c.req[csrf_header], c.session->csrf))
      return c.fail(Errc::forbidden, "missing or wrong X-CSRF-Token header; reload the page and try again");
  }
  if (c.session->user.must_change_password && !allowed_before_password_change(c.path))
    return c.fail(make_error(Errc::forbidden, "change your one-time password first (POST /api/v1/me/password)",
                             "password_change_required"));
  route_signed_in(cp);
}

void Api::route_session(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"login", "password"});
  if (!f) return c.fail(f.error());
  auto login = f->string("login");
  if (!login) return c.fail(login.error());
  auto password = f->string("password");
  if (!password) return c.fail(password.error());
  sessions_.sign_in(*login, *password, c.peer.address, std::string(c.req[bh::field::user_agent]),
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

void Api::route_signed_in(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  const auto& actor = c.session->actor;

  if (c.is(verb::delete_, {"api", "v1", "session"})) {
    return sessions_.sign_out(*c.session, c.then<Ok>(cp, [](Call& c, Ok) {
      auto res = make_response(status::no_content, c.req.version(), "");
      res.set(bh::field::set_cookie, std::string(session_cookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
      c.reply(std::move(res));
    }));
  }
  if (c.is(verb::get, {"api", "v1", "me"})) {
    const auto& u = c.session->user;
    json::object me{{"id", u.uuid}, {"login", u.login}, {"role", domain::to_string(u.role)}, {"name", u.display_name},
                    {"must_change_password", u.must_change_password}, {"csrf_token", c.session->csrf}};
    auto db = ctx_.readers.acquire();
    if (u.role == domain::Role::guardian) {
      auto children = store::children_of(*db, actor.person_id);
      if (!children) return c.fail(children.error());
      json::array kids;
      for (const auto& s : *children) kids.push_back(to_json(s));
      me["children"] = std::move(kids);
    } else if (u.role == domain::Role::student) {
      auto b = store::student_brief(*db, actor.person_id);
      if (!b) return c.fail(b.error());
      if (*b) me["student"] = to_json(**b);
    } else if (u.role == domain::Role::teacher) {
      auto teaching = store::teaching_of(*db, actor.person_id);
      if (!teaching) return c.fail(teaching.error());
      json::array teaches;
      for (const auto& t : *teaching)
        teaches.push_back(json::object{{"class_id", t.class_id}, {"class", t.class_name},
                                       {"subject_id", t.subject_id}, {"subject", t.subject}});
      me["teaches"] = std::move(teaches);
      json::array homeroom;
      for (auto cid : actor.homeroom_classes) {
        auto uuid = store::uuid_of(*db, store::Table::classes, cid);
        auto name = store::name_of_class(*db, cid);
        if (!uuid || !name) return c.fail(!uuid ? uuid.error() : name.error());
        homeroom.push_back(json::object{{"class_id", *uuid}, {"class", *name}});
      }
      me["class_teacher_of"] = std::move(homeroom);
    }
    return c.json_reply(status::ok, me);
  }
  if (c.is(verb::post, {"api", "v1", "me", "password"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"old_password", "new_password"});
    if (!f) return c.fail(f.error());
    auto old_pw = f->string("old_password");
    if (!old_pw) return c.fail(old_pw.error());
    auto new_pw = f->string("new_password");
    if (!new_pw) return c.fail(new_pw.error());
    return sessions_.change_password(*c.session, *old_pw, *new_pw, c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::get, {"api", "v1", "sessions"})) {
    json::array list;
    for (const auto& s : sessions_.list(*c.session)) list.push_back(to_json(s));
    return c.json_reply(status::ok, json::object{{"sessions", std::move(list)}});
  }
  if (c.is(verb::delete_, {"api", "v1", "sessions", "*"})) {
    char* end = nullptr;
    const long long id = std::strtoll(c.path[3].c_str(), &end, 10);
    if (c.path[3].empty() || *end != '\0') return c.fail(Errc::invalid_input, "the session id is a number from GET /api/v1/sessions");
    return sessions_.revoke(*c.session, id, c.then<Ok>(cp, reply_no_content));
  }
  if (c.is(verb::post, {"api", "v1", "users", "*", "password-reset"})) {
    return sessions_.reset_password(*c.session, c.path[3], c.then<std::string>(cp, [](Call& c, std::string otp) {
      c.json_reply(status::ok, json::object{{"login", c.path[3]}, {"one_time_password", otp}});
    }));
  }
  route_journal(cp);
}

void Api::metrics(Call& c) {
  std::ostringstream out;
  out << "# HELP classbook_http_responses_total Responses sent, by status code.\n"
         "# TYPE classbook_http_responses_total counter\n";
  {
    std::lock_guard lock(metrics_mutex_);
    for (const auto& [s, n] : responses_) out << "classbook_http_responses_total{code=\"" << s << "\"} " << n << "\n";
    out << "# HELP classbook_taps_total Entrance taps recorded, by result.\n# TYPE classbook_taps_total counter\n";
    for (const auto& [r, n] : taps_) out << "classbook_taps_total{result=\"" << r << "\"} " << n << "\n";
  }
  out << "# HELP classbook_writer_commits_total Group commits.\n# TYPE classbook_writer_commits_total counter\n"
      << "classbook_writer_commits_total " << ctx_.writer.commits() << "\n"
      << "# HELP classbook_writer_jobs_total Writes committed.\n# TYPE classbook_writer_jobs_total counter\n"
      << "classbook_writer_jobs_total " << ctx_.writer.jobs_done() << "\n"
      << "# HELP classbook_writer_queue_depth Writes waiting for the writer.\n# TYPE classbook_writer_queue_depth gauge\n"
      << "classbook_writer_queue_depth " << ctx_.writer.queue_depth() << "\n"
      << "# HELP classbook_sessions_cached Sessions held in memory.\n# TYPE classbook_sessions_cached gauge\n"
      << "classbook_sessions_cached " << sessions_.cached() << "\n";
  if (extra_metrics_) out << extra_metrics_();
  c.reply(make_response(status::ok, c.req.version(), out.str(), "text/plain; version=0.0.4"));
}

}  // namespace classbook::http
