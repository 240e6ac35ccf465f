// routes_mail: guardians' e-mail notices (issue 13) — a guardian's own choice of notices, and for the
// administrator the sender's state: is a relay configured, what waits, what went, what went wrong.
#include <cstdio>

#include "app/mail_desk.hpp"
#include "app/notice_preferences.hpp"
#include "http/json_in.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string clock_time(int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 24, minute % 60);
  return buf;
}

json::value preferences_json(const app::NoticePreferencesView& v) {
  json::array recent;
  for (const auto& n : v.recent)
    recent.push_back(json::object{{"id", n.id},
                                  {"kind", n.kind},
                                  {"delivery", n.delivery},
                                  {"state", n.state},
                                  {"subject", n.subject},
                                  {"created_at", n.created_at},
                                  {"sent_at", or_null(n.sent_at)},
                                  {"digest_day", or_null(n.digest_day)},
                                  {"last_error", n.last_error.empty() ? json::value(nullptr) : json::value(n.last_error)}});
  const auto& p = v.preferences;
  return json::object{{"email", or_null(v.email)},
                      {"absence", domain::to_string(p.absence)},
                      {"low_mark", domain::to_string(p.low_mark)},
                      {"teacher_message", domain::to_string(p.teacher_message)},
                      {"mark_below", p.mark_below},
                      {"scale", json::object{{"min", v.scale.min}, {"max", v.scale.max}}},
                      {"digest_at", clock_time(v.digest_minute)},
                      {"updated_at", or_null(v.updated_at)},
                      {"recent", std::move(recent)}};
}

void get_preferences(Env& env, const CallPtr& cp) {
  answer(*cp, app::my_notice_preferences(env.ctx, cp->session->actor), preferences_json);
}

void put_preferences(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"email", "absence", "low_mark", "teacher_message", "mark_below"});
  if (!f) return c.fail(f.error());
  app::NoticePreferencesChange in;
  // email: a string, or null to clear it.
  if (auto it = obj->find("email"); it != obj->end() && it->value().is_null()) {
    in.email = std::string();
  } else {
    auto email = f->optional_string("email");
    if (!email) return c.fail(email.error());
    in.email = *email;
  }
  for (auto [name, out] : {std::pair{"absence", &in.absence}, std::pair{"low_mark", &in.low_mark},
                           std::pair{"teacher_message", &in.teacher_message}}) {
    auto v = f->optional_string(name);
    if (!v) return c.fail(v.error());
    *out = *v;
  }
  auto below = f->optional_integer("mark_below");
  if (!below) return c.fail(below.error());
  if (*below) {
    if (**below < -1000 || **below > 1000)
      return c.fail(make_error(Errc::invalid_input, "notices.mark_below_out_of_scale", "mark_below is a mark of the school's scale", "mark_below"));
    in.mark_below = static_cast<int>(**below);
  }
  app::put_my_notice_preferences(env.ctx, c.session->actor, std::move(in),
                                 c.then<app::NoticePreferencesView>(cp, reply_with(status::ok, preferences_json)));
}

void get_mail(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  if (!env.mail_desk)
    return c.fail(make_error(Errc::unavailable, "mail.not_set_up", "this server was started without its mail sender"));
  auto r = env.mail_desk->status(c.session->actor);
  if (!r) return c.fail(r.error());
  const auto& v = *r;
  json::value last_error = nullptr, last_failure = nullptr;
  if (v.last_error) last_error = json::object{{"message", *v.last_error}, {"at", or_null(v.last_error_at)}};
  if (v.last_failure) last_failure = json::object{{"message", *v.last_failure}, {"at", or_null(v.last_failure_at)}};
  c.json_reply(status::ok, json::object{{"relay_configured", v.relay_configured},
                                        {"relay", v.relay.empty() ? json::value(nullptr) : json::value(v.relay)},
                                        {"from", v.from.empty() ? json::value(nullptr) : json::value(v.from)},
                                        {"digest_at", clock_time(v.digest_minute)},
                                        {"queued", v.queued},
                                        {"oldest_queued_at", or_null(v.oldest_queued_at)},
                                        {"oldest_queued_age_seconds", v.oldest_queued_age_seconds ? json::value(*v.oldest_queued_age_seconds) : json::value(nullptr)},
                                        {"failed", v.failed},
                                        {"last_success_at", or_null(v.last_success_at)},
                                        {"last_error", std::move(last_error)},
                                        {"last_failure", std::move(last_failure)}});
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    {V::get, "/api/v1/me/notices/preferences", get_preferences, signed_in({{guardian, own}})},
    {V::put, "/api/v1/me/notices/preferences", put_preferences, signed_in({{guardian, own}})},
    {V::get, "/api/v1/mail", get_mail, signed_in({{admin, any}})},
};

}  // namespace

std::span<const Route> mail_routes() { return rows; }

}  // namespace classbook::http
