// api: routing, authentication of the caller, CSRF, JSON in and out.
#include "http/api.hpp"

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

namespace {

status status_of(Errc c) {
  switch (c) {
    case Errc::invalid_input: return status::bad_request;
    case Errc::unauthenticated: return status::unauthorized;
    case Errc::forbidden: return status::forbidden;
    case Errc::not_found: return status::not_found;
    case Errc::conflict: return status::conflict;
    case Errc::throttled: return status::too_many_requests;
    case Errc::unavailable: return status::service_unavailable;
    case Errc::internal: return status::internal_server_error;
  }
  return status::internal_server_error;
}

const char* code_of(Errc c) {
  switch (c) {
    case Errc::invalid_input: return "invalid_input";
    case Errc::unauthenticated: return "unauthenticated";
    case Errc::forbidden: return "forbidden";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::throttled: return "throttled";
    case Errc::unavailable: return "unavailable";
    case Errc::internal: return "internal";
  }
  return "internal";
}

Response make_response(status s, unsigned version, std::string body, const char* type = "application/json") {
  Response res{s, version};
  res.set(bh::field::server, "classbook");
  res.set(bh::field::content_type, type);
  res.set(bh::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set(bh::field::strict_transport_security, "max-age=31536000");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

}  // namespace

// One request in flight: what the route needs, and the one way to answer.
struct Api::Call {
  Api& api;
  Request req;
  Peer peer;
  Respond respond_fn;
  std::vector<std::string> path;  // decoded segments
  std::map<std::string, std::string> query;
  std::optional<app::Session> session;

  void reply(Response res) {
    api.count(static_cast<int>(res.result_int()));
    respond_fn(std::move(res));
  }
  void json_reply(status s, const json::value& v) { reply(make_response(s, req.version(), json::serialize(v))); }
  void fail(const Error& e) {
    json::object err{{"code", code_of(e.code)}, {"message", e.message}};
    if (!e.field.empty() && e.code != Errc::throttled) err["field"] = e.field;
    auto res = make_response(status_of(e.code), req.version(), json::serialize(json::object{{"error", std::move(err)}}));
    if (e.code == Errc::throttled) res.set(bh::field::retry_after, e.field);
    if (e.code == Errc::unauthenticated) res.set(bh::field::www_authenticate, "Cookie");
    reply(std::move(res));
  }
  void fail(Errc c, std::string msg) { fail(make_error(c, std::move(msg))); }
  bool is(verb v, std::initializer_list<std::string_view> pattern) const {
    if (req.method() != v || path.size() != pattern.size()) return false;
    std::size_t i = 0;
    for (auto p : pattern) {
      if (p != "*" && path[i] != p) return false;
      ++i;
    }
    return true;
  }
  bool path_is(std::initializer_list<std::string_view> pattern) const {
    if (path.size() != pattern.size()) return false;
    std::size_t i = 0;
    for (auto p : pattern) {
      if (p != "*" && path[i] != p) return false;
      ++i;
    }
    return true;
  }
  // The JSON object body of a state change.
  Result<json::object> body() const {
    const auto type = req[bh::field::content_type];
    if (type.substr(0, 16) != "application/json")
      return make_error(Errc::invalid_input, "send the body as JSON with Content-Type: application/json");
    return parse_object(req.body());
  }
  // Writes answer later; keep `this` alive until they do.
  template <class T, class F>
  app::Reply<T> then(std::shared_ptr<Call> self, F on_ok) {
    return [self, on_ok = std::move(on_ok)](Result<T> r) {
      if (!r) return self->fail(r.error());
      on_ok(*self, std::move(r.value()));
    };
  }
};

void Api::count(int s) {
  std::lock_guard lock(metrics_mutex_);
  ++responses_[s];
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
    const bool ok = q.step();
    q.run();
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

  // Kiosks: a device key, no cookie and so no CSRF.
  if (c.is(verb::post, {"api", "v1", "taps"})) {
    const auto auth = c.req[bh::field::authorization];
    auto kiosk = sessions_.kiosk_actor(auth.substr(0, 7) == "Bearer " ? std::string(auth.substr(7)) : std::string());
    if (!kiosk) return c.fail(kiosk.error());
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"tap_id", "card", "reader", "at"});
    if (!f) return c.fail(f.error());
    app::TapInput in;
    for (auto [name, dest] : {std::pair{"tap_id", &in.tap_id}, {"card", &in.card}, {"reader", &in.reader}, {"at", &in.at}}) {
      auto v = f->string(name);
      if (!v) return c.fail(v.error());
      *dest = std::move(*v);
    }
    return app::record_tap(ctx_, *kiosk, std::move(in), c.then<app::TapResult>(cp, [this](Call& c, app::TapResult r) {
      {
        std::lock_guard lock(metrics_mutex_);
        ++taps_[r.result];
      }
      c.json_reply(r.result == "duplicate" ? status::ok : status::created, to_json(r));
    }));
  }

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
  auto created = [](status s) { return [s](Call& c, auto v) { c.json_reply(s, to_json(v)); }; };
  auto no_content = [](Call& c, Ok) { c.reply(make_response(status::no_content, c.req.version(), "")); };

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
      json::array kids;
      for (const auto& s : store::children_of(*db, actor.person_id)) kids.push_back(to_json(s));
      me["children"] = std::move(kids);
    } else if (u.role == domain::Role::student) {
      if (auto b = store::student_brief(*db, actor.person_id)) me["student"] = to_json(*b);
    } else if (u.role == domain::Role::teacher) {
      json::array teaches;
      for (const auto& t : store::teaching_of(*db, actor.person_id))
        teaches.push_back(json::object{{"class_id", t.class_id}, {"class", t.class_name},
                                       {"subject_id", t.subject_id}, {"subject", t.subject}});
      me["teaches"] = std::move(teaches);
      json::array homeroom;
      for (auto cid : actor.homeroom_classes)
        homeroom.push_back(json::object{{"class_id", store::uuid_of(*db, store::Table::classes, cid)},
                                        {"class", store::name_of_class(*db, cid)}});
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
    return sessions_.change_password(*c.session, *old_pw, *new_pw, c.then<Ok>(cp, no_content));
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
    return sessions_.revoke(*c.session, id, c.then<Ok>(cp, no_content));
  }
  if (c.is(verb::post, {"api", "v1", "users", "*", "password-reset"})) {
    return sessions_.reset_password(*c.session, c.path[3], c.then<std::string>(cp, [](Call& c, std::string otp) {
      c.json_reply(status::ok, json::object{{"login", c.path[3]}, {"one_time_password", otp}});
    }));
  }
  if (c.is(verb::get, {"api", "v1", "students", "*", "diary"})) {
    auto r = app::get_diary(ctx_, actor, c.path[3], c.query["week"]);
    return r ? c.json_reply(status::ok, to_json(*r)) : c.fail(r.error());
  }
  if (c.is(verb::get, {"api", "v1", "students", "*", "grades"})) {
    auto r = app::get_grades(ctx_, actor, c.path[3], c.query["term"]);
    return r ? c.json_reply(status::ok, to_json(*r)) : c.fail(r.error());
  }
  if (c.is(verb::get, {"api", "v1", "classes", "*", "journal"})) {
    auto r = app::get_journal(ctx_, actor, c.path[3], c.query["subject"], c.query["term"]);
    return r ? c.json_reply(status::ok, to_json(*r)) : c.fail(r.error());
  }
  if (c.is(verb::post, {"api", "v1", "marks"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"student_id", "lesson_id", "value", "work_type", "comment"});
    if (!f) return c.fail(f.error());
    app::NewMark in;
    auto sid = f->string("student_id");
    if (!sid) return c.fail(sid.error());
    auto lid = f->string("lesson_id");
    if (!lid) return c.fail(lid.error());
    auto value = f->integer("value");
    if (!value) return c.fail(value.error());
    auto wt = f->string("work_type");
    if (!wt) return c.fail(wt.error());
    auto comment = f->optional_string("comment");
    if (!comment) return c.fail(comment.error());
    if (*value < -1000 || *value > 1000) return c.fail(make_error(Errc::invalid_input, "value is off the school's scale", "value"));
    in.student_id = *sid;
    in.lesson_id = *lid;
    in.value = static_cast<int>(*value);
    in.work_type = *wt;
    in.comment = comment->value_or("");
    return app::put_mark(ctx_, actor, std::move(in), c.then<app::MarkView>(cp, created(status::created)));
  }
  if (c.is(verb::patch, {"api", "v1", "marks", "*"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"value", "work_type", "comment", "reason"});
    if (!f) return c.fail(f.error());
    app::MarkChange in;
    in.mark_id = c.path[3];
    auto value = f->optional_integer("value");
    if (!value) return c.fail(value.error());
    if (*value && (**value < -1000 || **value > 1000))
      return c.fail(make_error(Errc::invalid_input, "value is off the school's scale", "value"));
    if (*value) in.value = static_cast<int>(**value);
    auto wt = f->optional_string("work_type");
    if (!wt) return c.fail(wt.error());
    in.work_type = *wt;
    auto comment = f->optional_string("comment");
    if (!comment) return c.fail(comment.error());
    in.comment = *comment;
    auto reason = f->string("reason");
    if (!reason) return c.fail(reason.error());
    in.reason = *reason;
    return app::edit_mark(ctx_, actor, std::move(in), c.then<app::MarkView>(cp, created(status::ok)));
  }
  if (c.is(verb::delete_, {"api", "v1", "marks", "*"})) {
    // The reason may come as a JSON body or, for clients that send no body with DELETE, as ?reason=.
    std::string reason = c.query["reason"];
    if (!c.req.body().empty()) {
      auto obj = c.body();
      if (!obj) return c.fail(obj.error());
      auto f = Fields::of(*obj, {"reason"});
      if (!f) return c.fail(f.error());
      auto r = f->string("reason");
      if (!r) return c.fail(r.error());
      reason = *r;
    }
    return app::remove_mark(ctx_, actor, c.path[3], reason, c.then<Ok>(cp, no_content));
  }
  if (c.is(verb::put, {"api", "v1", "lessons", "*", "attendance"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"students"});
    if (!f) return c.fail(f.error());
    const auto* list = f->find("students");
    if (!list || !list->is_array())
      return c.fail(make_error(Errc::invalid_input, "'students' must be a list of {student_id, status, late_minutes}", "students"));
    constexpr std::size_t max_pupils_per_lesson = 60;
    if (list->as_array().size() > max_pupils_per_lesson)
      return c.fail(make_error(Errc::invalid_input, "at most 60 pupils per lesson", "students"));
    std::vector<app::AttendanceEntry> entries;
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "each entry of 'students' must be an object", "students"));
      auto e = Fields::of(item.as_object(), {"student_id", "status", "late_minutes"});
      if (!e) return c.fail(e.error());
      auto sid = e->string("student_id");
      if (!sid) return c.fail(sid.error());
      auto st = e->string("status");
      if (!st) return c.fail(st.error());
      auto presence = domain::parse_presence(*st);
      if (!presence)
        return c.fail(make_error(Errc::invalid_input,
                                 "status must be one of: present, absent_illness, absent_excused, absent_unexcused, late", "status"));
      auto late = e->optional_integer("late_minutes");
      if (!late) return c.fail(late.error());
      if (*late && (**late < 0 || **late > 1000))
        return c.fail(make_error(Errc::invalid_input, "late_minutes must be between 1 and 45", "late_minutes"));
      entries.push_back({*sid, *presence, static_cast<int>(late->value_or(0))});
    }
    return app::put_attendance(ctx_, actor, c.path[3], std::move(entries), c.then<Ok>(cp, no_content));
  }
  if (c.is(verb::put, {"api", "v1", "lessons", "*"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"topic", "homework"});
    if (!f) return c.fail(f.error());
    app::LessonChange in;
    auto topic = f->optional_string("topic");
    if (!topic) return c.fail(topic.error());
    in.topic = *topic;
    if (const auto* hw = f->find("homework"); hw && !hw->is_null()) {
      if (!hw->is_array()) return c.fail(make_error(Errc::invalid_input, "'homework' must be a list", "homework"));
      in.homework.emplace();
      for (const auto& item : hw->as_array()) {
        if (!item.is_object()) return c.fail(make_error(Errc::invalid_input, "each homework item must be an object", "homework"));
        auto h = Fields::of(item.as_object(), {"id", "text", "mandatory", "due_date"});
        if (!h) return c.fail(h.error());
        app::HomeworkInput hi;
        auto id = h->optional_string("id");
        if (!id) return c.fail(id.error());
        auto text = h->string("text");
        if (!text) return c.fail(text.error());
        auto mandatory = h->optional_boolean("mandatory");
        if (!mandatory) return c.fail(mandatory.error());
        auto due = h->string("due_date");
        if (!due) return c.fail(due.error());
        hi.id = id->value_or("");
        hi.text = *text;
        hi.mandatory = mandatory->value_or(true);
        hi.due_date = *due;
        in.homework->push_back(std::move(hi));
      }
    }
    return app::update_lesson(ctx_, actor, c.path[3], std::move(in), c.then<Ok>(cp, no_content));
  }
  if (c.is(verb::post, {"api", "v1", "students", "*", "absence-notices"})) {
    auto obj = c.body();
    if (!obj) return c.fail(obj.error());
    auto f = Fields::of(*obj, {"from", "to", "reason", "comment"});
    if (!f) return c.fail(f.error());
    app::NoticeInput in;
    in.student_id = c.path[3];
    for (auto [name, dest] : {std::pair{"from", &in.from}, {"to", &in.to}, {"reason", &in.reason}}) {
      auto v = f->string(name);
      if (!v) return c.fail(v.error());
      *dest = std::move(*v);
    }
    auto comment = f->optional_string("comment");
    if (!comment) return c.fail(comment.error());
    in.comment = comment->value_or("");
    return app::add_absence_notice(ctx_, actor, std::move(in), c.then<app::NoticeResult>(cp, [](Call& c, app::NoticeResult r) {
      c.json_reply(status::created, json::object{{"id", r.id}, {"excused_lessons", r.excused_lessons}});
    }));
  }
  if (c.is(verb::put, {"api", "v1", "students", "*", "weeks", "*", "acknowledgement"})) {
    return app::acknowledge_week(ctx_, actor, c.path[3], c.path[5], c.then<app::AckResult>(cp, [](Call& c, app::AckResult r) {
      c.json_reply(status::ok, json::object{{"week", r.week}, {"content_hash", r.content_hash}, {"at", r.at}});
    }));
  }
  c.fail(Errc::not_found, "no such API path or method: " + std::string(c.req.method_string()) + " " + std::string(c.req.target()));
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
