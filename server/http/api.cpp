// api: one dispatch over the route table — match, then the gates the row declares (caller, CSRF,
// the one-time password), then the row's handler. Every rule beyond that is in app/ and domain/.
#include "http/api.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <optional>

#include "app/read_scope.hpp"
#include "classbook/common/crypto.hpp"
#include "http/call.hpp"
#include "http/oneroster_reply.hpp"
#include "http/route.hpp"
#include "http/router.hpp"
#include "http/web_app.hpp"

namespace classbook::http {

Api::Api(app::Context& ctx, app::Sessions& sessions, app::Kiosks& kiosks)
    : ctx_(ctx), sessions_(sessions), kiosks_(kiosks), kiosk_diary_(ctx) {
  app::feed_from_writer(ctx_, &live_);
  live_.start();
}

Api::~Api() { app::feed_from_writer(ctx_, nullptr); }

std::string Api::metrics_text() {
  const auto live = live_.stats();
  return metrics_.text(ctx_, sessions_, extra_metrics_) +
         "# HELP classbook_live_streams Open live-update streams (GET /api/v1/stream).\n# TYPE classbook_live_streams gauge\n"
         "classbook_live_streams " + std::to_string(live.streams) +
         "\n# HELP classbook_live_events_total Changes published to live streams.\n# TYPE classbook_live_events_total counter\n"
         "classbook_live_events_total " + std::to_string(live.events) +
         "\n# HELP classbook_live_frames_total Change frames queued to streams, replays included.\n# TYPE classbook_live_frames_total counter\n"
         "classbook_live_frames_total " + std::to_string(live.delivered) +
         "\n# HELP classbook_live_reloads_total Streams told to reload: their last event was no longer kept.\n# TYPE classbook_live_reloads_total counter\n"
         "classbook_live_reloads_total " + std::to_string(live.reloads) + "\n";
}

void Api::handle(Request&& req, const Peer& peer, Respond respond) {
  auto c = std::make_shared<Call>(Call{metrics_, std::move(req), peer, std::move(respond), {}, {}, nullptr, {}, {}, {}});
  auto parsed = boost::urls::parse_origin_form(c->req.target());
  if (!parsed) return c->fail(Errc::invalid_input, "request.target_malformed", "the request target is not a valid path");
  for (auto seg : parsed->segments()) c->path.push_back(seg);
  for (auto p : parsed->params()) c->query[p.key] = p.value;
  dispatch(c);
}

std::size_t Api::body_limit_for(verb method, std::string_view target, std::size_t fallback) {
  if (method == verb::get || method == verb::head) return fallback;
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return fallback;
  std::vector<std::string> path;
  for (auto seg : parsed->segments()) path.push_back(seg);
  const auto* row = Router::api().find(method, path);
  return row && row->route->access.body_limit ? row->route->access.body_limit : fallback;
}

// Session, CSRF and the one-time password, in that order; false once a refusal is answered.
bool Api::signed_in_gates(Call& c, bool before_password_change) {
  auto session = sessions_.resolve(cookie_value(c.req[bh::field::cookie], session_cookie));
  if (!session) return c.fail(session.error()), false;
  c.session = std::move(*session);
  const auto m = c.req.method();
  // CSRF: a state change must echo the token only our own pages can read.
  if (m != verb::get && m != verb::head && !constant_time_equal(c.req[csrf_header], c.session->csrf))
    return c.fail(Errc::forbidden, "session.csrf_token_wrong", "missing or wrong X-CSRF-Token header; reload the page and try again"), false;
  if (c.session->user.must_change_password && !before_password_change)
    return c.fail(make_error(Errc::forbidden, "password.change_required", "change your one-time password first (POST /api/v1/me/password)",
                             "password_change_required")),
           false;
  return true;
}

void Api::dispatch(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  c.route = Router::api().find(c.req.method(), c.path);
  if (!c.route) return unmatched(cp);
  const Route& row = *c.route->route;
  std::optional<app::ReadScope> scope;
  switch (row.access.caller) {
    case Caller::anyone:
      break;
    case Caller::scraper:
      // Not 403: a stranger learns nothing, not even that there is something to scrape.
      if (!may_scrape(c.peer.address, metrics_from_)) return c.fail(Errc::not_found, "request.no_such_page", "no such page; the API lives under /api/v1");
      break;
    case Caller::kiosk:
    case Caller::kiosk_or_key:
      if (!authenticate_kiosk(env_, c, row.access.caller)) return;
      break;
    case Caller::api_client:
      // Only the bearer token counts: a session cookie, even the administrator's, opens nothing here.
      if (!authenticate_api_client(env_, c, row.access.scope)) return;
      break;
    case Caller::signed_in:
      // A read holds one read transaction from the session check to its answer (app::ReadScope).
      if (c.req.method() == verb::get || c.req.method() == verb::head) scope.emplace(env_.ctx);
      if (!signed_in_gates(c, row.access.before_password_change)) return;
      if (row.access.refreshes_rights && c.req.method() != verb::get) {
        // A cached session carries the rights of its user as they were (children, classes taught or
        // led). A roster write answers only after its commit, so once it succeeds every session reads
        // its rights afresh — a child unlinked closes at once, a child linked opens at once.
        c.respond_fn = [this, next = std::move(c.respond_fn)](Response res) {
          if (res.result_int() < 300) sessions_.refresh_rights();
          next(std::move(res));
        };
      }
      break;
  }
  row.handler(env_, cp);
}

// No row: outside /api/v1 the web app's deeper paths, else a plain 404; inside, the same gates as any signed-in path first, so that
// a stranger cannot tell a missing path from a protected one.
void Api::unmatched(const std::shared_ptr<Call>& cp) {
  Call& c = *cp;
  // The OneRoster provider's paths: a client without a valid token learns nothing, not even which
  // paths exist; with one, the standard's 404.
  if (!c.path.empty() && c.path[0] == "ims") {
    if (!authenticate_api_client(env_, c, std::nullopt)) return;
    return oneroster_fail(c, status::not_found, oneroster_minor::unknown_object,
                          "no such OneRoster path or method: " + std::string(c.req.method_string()) + " " + std::string(c.req.target()));
  }
  // The token endpoint's folder is no page of the web app.
  if (!c.path.empty() && c.path[0] == "oauth")
    return c.fail(Errc::not_found, "request.no_such_page", "no such page; the token endpoint is POST /oauth/token");
  if (c.path.size() < 3 || c.path[0] != "api" || c.path[1] != "v1") {
    // Deeper than the table's "/{file}": the app's bundles (/assets/…) and its own pages.
    if (c.req.method() == verb::get) return serve_web_app(c);
    return c.fail(Errc::not_found, "request.no_such_page", "no such page; the API lives under /api/v1");
  }
  if (!signed_in_gates(c, false)) return;
  c.fail(Errc::not_found, "request.no_such_route", "no such API path or method: " + std::string(c.req.method_string()) + " " + std::string(c.req.target()));
}

}  // namespace classbook::http
