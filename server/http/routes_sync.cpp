// routes_sync: the sync with the city portal (issue 13) — how fresh the portal's copy is, for every
// signed-in page's line, the rest for the administrator's "City portal" page (server/web/src/screens/
// admin/portal.js reads exactly these fields), and the administrator's "sync now".
#include "app/sync_desk.hpp"
#include "http/reply.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

json::value or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

Error no_runner() {
  return make_error(Errc::unavailable, "sync.not_configured", "this server was started without its sync runner");
}

json::value status_json(const app::SyncStatusView& v) {
  json::object o{{"configured", v.configured}, {"last_success_at", or_null(v.last_success_at)}};
  if (!v.for_admin) return o;
  json::array refused;
  for (const auto& r : v.refused) refused.push_back(json::object{{"seq", r.seq}, {"reason", r.reason}, {"at", r.at}});
  o["running"] = v.running;
  o["last_attempt_at"] = or_null(v.last_attempt_at);
  o["items_waiting"] = v.items_waiting;
  o["acknowledged_through"] = v.acknowledged_through;
  o["last_error"] = v.last_error ? json::value(json::object{{"message", *v.last_error}, {"at", or_null(v.last_error_at)}})
                                 : json::value(nullptr);
  o["anchor"] = v.anchor_seq ? json::value(json::object{{"seq", *v.anchor_seq}, {"at", or_null(v.anchor_at)}}) : json::value(nullptr);
  o["refused"] = std::move(refused);
  o["next_run_at"] = or_null(v.next_run_at);
  return o;
}

void get_sync(Env& env, const CallPtr& cp) {
  if (!env.sync_desk) return cp->fail(no_runner());
  answer(*cp, env.sync_desk->status(cp->session->actor), status_json);
}

void post_sync(Env& env, const CallPtr& cp) {
  Call& c = *cp;
  if (!env.sync_desk) return c.fail(no_runner());
  if (auto s = env.sync_desk->start_now(c.session->actor); !s) return c.fail(s.error());
  c.json_reply(status::accepted, json::object{{"started", true}});
}

using enum Audience;
using enum Reach;
using V = bh::verb;

const Route rows[] = {
    {V::get, "/api/v1/sync", get_sync, everyone_signed_in(any)},
    {V::post, "/api/v1/sync", post_sync, signed_in({{admin, any}})},
};

}  // namespace

std::span<const Route> sync_routes() { return rows; }

}  // namespace classbook::http
