// routes_live: GET /api/v1/stream — the signed-in user's live updates as Server-Sent Events. The
// request passes the same gates as any read; then the connection stays open as the feed's stream.
#include "app/live_feed.hpp"
#include "http/call.hpp"
#include "http/route.hpp"

namespace classbook::http {
namespace {

constexpr std::size_t max_last_event_id = 64;

// The feed's view of a connection's stream.
class OutletSink : public app::LiveSink {
 public:
  explicit OutletSink(std::shared_ptr<Outlet> outlet) : outlet_(std::move(outlet)) {}
  bool send(std::shared_ptr<const std::string> frame) override { return outlet_->send(std::move(frame)); }
  void close() override { outlet_->close(); }
  bool ended() const override { return outlet_->ended(); }

 private:
  std::shared_ptr<Outlet> outlet_;
};

void stream(Env& env, const CallPtr& c) {
  const auto& session = *c->session;
  if (env.live.full_for(session.user.id))
    return c->fail(make_error(Errc::throttled, "stream.too_many",
                              "this account already has " + std::to_string(app::live_streams_per_user) +
                                  " live pages open; close a Classbook tab or window elsewhere, and this page updates itself again",
                              "30"));
  // The browser's own reconnection sends Last-Event-ID; a page that closed its stream while hidden
  // and opens a new one passes the id it saw last as ?last_event_id=.
  std::string last = std::string(c->req["Last-Event-ID"]);
  if (last.empty()) {
    const auto q = c->query.find("last_event_id");
    if (q != c->query.end()) last = q->second;
  }
  if (last.size() > max_last_event_id)
    return c->fail(Errc::invalid_input, "stream.last_event_id_malformed",
                   "Last-Event-ID is longer than any id this server gives; open the page again");
  auto reader = app::live_reader(env.ctx, session.user.id, session.actor);
  if (!reader) return c->fail(reader.error());
  auto recheck = [&sessions = env.sessions, &ctx = env.ctx,
                  token = cookie_value(c->req[bh::field::cookie], session_cookie)]() -> Result<app::LiveReader> {
    auto again = sessions.resolve(token, app::Sessions::Renew::no);
    if (!again) return again.error();
    return app::live_reader(ctx, again->user.id, again->actor);
  };
  Response head{status::ok, c->req.version()};
  head.set(bh::field::server, "classbook");
  head.set(bh::field::content_type, "text/event-stream");
  head.set(bh::field::cache_control, "no-store");
  head.set("X-Content-Type-Options", "nosniff");
  head.set(bh::field::strict_transport_security, "max-age=31536000");
  head.set("X-Accel-Buffering", "no");  // a proxy in front must pass frames at once
  c->stream(std::move(head), [&live = env.live, reader = std::move(*reader), last = std::move(last),
                              recheck = std::move(recheck)](std::shared_ptr<Outlet> outlet) mutable {
    live.attach(std::move(reader), last, std::make_shared<OutletSink>(std::move(outlet)), std::move(recheck));
  });
}

const Route rows[] = {
    {verb::get, "/api/v1/stream", stream, everyone_signed_in(Reach::own)},
};

}  // namespace

std::span<const Route> live_routes() { return rows; }

}  // namespace classbook::http
