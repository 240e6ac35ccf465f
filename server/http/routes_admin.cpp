// routes_admin: the administrator's pages (issue 12) — accounts (find, disable, enable, sessions),
// backups (list, make one now, download) and the box's own figures. Login slips for one account are
// in routes_documents beside the class slips; kiosks are in routes_kiosk.
#include "app/accounts.hpp"
#include "app/box_desk.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object account_json(const rows::AccountListing& a) {
  return json::object{{"id", a.uuid},
                      {"login", a.login},
                      {"name", a.display_name},
                      {"role", domain::to_string(a.role)},
                      {"person_id", or_null(a.person_uuid)},
                      {"disabled", a.disabled},
                      {"must_change_password", a.must_change_password},
                      {"open_sessions", a.open_sessions},
                      {"last_sign_in_at", or_null(a.newest_session_at)}};
}

json::object backup_json(const app::BackupView& b) {
  return json::object{{"name", b.name}, {"bytes", b.bytes}, {"made_at", b.made_at}, {"kind", b.kind}};
}

void get_users(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::AccountQuery q;
  q.text = c.query["q"];
  if (const auto& role = c.query["role"]; !role.empty()) {
    domain::Role r;
    if (!domain::parse_role(role, r) || r == domain::Role::kiosk)
      return c.fail(make_error(Errc::invalid_input, "account.role_unknown",
                               "role is student, guardian, teacher, secretary, director or admin", "role"));
    q.role = r;
  }
  if (const auto& limit = c.query["limit"]; !limit.empty()) {
    if (limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos)
      return c.fail(make_error(Errc::invalid_input, "account.limit_out_of_range",
                               "limit is 1 to " + std::to_string(app::max_account_list_limit), "limit"));
    q.limit = std::stoi(limit);
  }
  auto r = app::list_accounts(env.ctx, c.session->actor, q);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& a : r->accounts) list.push_back(account_json(a));
  c.json_reply(status::ok, json::object{{"users", std::move(list)}, {"truncated", r->truncated}});
}

void get_user_sessions(Env& env, const CallPtr& cp) {
  auto r = app::account_sessions(env.ctx, cp->session->actor, cp->param("login"));
  if (!r) return cp->fail(r.error());
  cp->json_reply(status::ok, list_of("sessions", *r));
}

void delete_user_sessions(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::end_account_sessions(env.ctx, env.sessions, c.session->actor, c.session->user.display_name, c.param("login"),
                            c.then<Ok>(cp, reply_no_content));
}

void post_user_disable(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto obj = c.body();
  if (!obj) return c.fail(obj.error());
  auto f = Fields::of(*obj, {"reason"});
  if (!f) return c.fail(f.error());
  auto reason = f->optional_string("reason");
  if (!reason) return c.fail(reason.error());
  app::disable_account(env.ctx, env.sessions, c.session->actor, c.session->user.display_name, c.param("login"),
                       reason->value_or(""), c.then<Ok>(cp, reply_no_content));
}

void post_user_enable(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  app::enable_account(env.ctx, c.session->actor, c.session->user.display_name, c.param("login"), c.then<Ok>(cp, reply_no_content));
}

// The desk, or the answer that this server was started without one (a test rig).
app::BoxDesk* desk_of(Env& env, Call& c) {
  if (env.box_desk) return env.box_desk;
  c.fail(make_error(Errc::unavailable, "box.not_set_up", "this server was started without its data folder's desk"));
  return nullptr;
}

void get_backups(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto* desk = desk_of(env, c);
  if (!desk) return;
  auto r = desk->backups(c.session->actor);
  if (!r) return c.fail(r.error());
  json::array list;
  for (const auto& b : r->backups) list.push_back(backup_json(b));
  json::value running = nullptr, failure = nullptr;
  if (r->running) running = json::object{{"name", *r->running}, {"started_at", or_null(r->running_since)}};
  if (r->last_failure) failure = json::object{{"message", *r->last_failure}, {"at", or_null(r->last_failure_at)}};
  c.json_reply(status::ok, json::object{{"backups", std::move(list)},
                                        {"last_backup_at", or_null(r->last_backup_at)},
                                        {"last_backup_age_seconds", r->last_backup_age_seconds ? json::value(*r->last_backup_age_seconds) : json::value(nullptr)},
                                        {"running", std::move(running)},
                                        {"last_failure", std::move(failure)}});
}

// 202: the backup is being made; GET /api/v1/backups shows it under "running", then in the list.
void post_backup(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto* desk = desk_of(env, c);
  if (!desk) return;
  auto r = desk->start_backup(c.session->actor);
  if (!r) return c.fail(r.error());
  c.json_reply(status::accepted, json::object{{"backup", json::object{{"name", r->name}, {"started_at", r->made_at}, {"kind", r->kind}}}});
}

void get_backup(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto* desk = desk_of(env, c);
  if (!desk) return;
  desk->download(c.session->actor, c.param("name"), c.then<std::string>(cp, [](Call& c, std::string bytes) {
    auto res = make_response(status::ok, c.req.version(), std::move(bytes), "application/vnd.sqlite3");
    // The name was checked against the folder's list: letters, digits, '-' and '.', nothing to escape.
    res.set(bh::field::content_disposition, "attachment; filename=\"" + c.param("name") + "\"");
    c.reply(std::move(res));
  }));
}

void get_box(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  auto* desk = desk_of(env, c);
  if (!desk) return;
  auto r = desk->box(c.session->actor);
  if (!r) return c.fail(r.error());
  json::array health;
  for (const auto& h : r->health) health.push_back(json::object{{"name", h.name}, {"ok", h.ok}, {"detail", h.detail}});
  json::value certificate = nullptr;
  if (r->certificate)
    certificate = json::object{{"subject", r->certificate->subject}, {"not_after", r->certificate->not_after},
                               {"days_left", r->certificate->days_left}};
  else
    certificate = json::object{{"subject", nullptr}, {"not_after", nullptr}, {"days_left", nullptr}, {"problem", r->certificate_problem}};
  c.json_reply(status::ok, json::object{{"version", r->version},
                                        {"started_at", r->started_at},
                                        {"uptime_seconds", r->uptime_seconds},
                                        {"database_bytes", r->database_bytes},
                                        {"wal_bytes", r->wal_bytes},
                                        {"free_disk_bytes", r->free_disk_bytes},
                                        {"disk_total_bytes", r->disk_total_bytes},
                                        {"certificate", std::move(certificate)},
                                        {"health", std::move(health)},
                                        {"last_backup_at", or_null(r->last_backup_at)},
                                        {"schema_version", r->schema_version}});
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    {V::get, "/api/v1/users", get_users, signed_in({{admin, any}})},
    {V::get, "/api/v1/users/{login}/sessions", get_user_sessions, signed_in({{admin, any}})},
    {V::delete_, "/api/v1/users/{login}/sessions", delete_user_sessions, signed_in({{admin, any}})},
    {V::post, "/api/v1/users/{login}/disable", post_user_disable, signed_in({{admin, any}}).refreshing_rights()},
    {V::post, "/api/v1/users/{login}/enable", post_user_enable, signed_in({{admin, any}}).refreshing_rights()},
    {V::get, "/api/v1/backups", get_backups, signed_in({{admin, any}})},
    {V::post, "/api/v1/backups", post_backup, signed_in({{admin, any}})},
    {V::get, "/api/v1/backups/{name}", get_backup, signed_in({{admin, any}})},
    {V::get, "/api/v1/box", get_box, signed_in({{admin, any}})},
};

}  // namespace

std::span<const Route> admin_routes() { return rows; }

}  // namespace classbook::http
