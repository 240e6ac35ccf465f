// box_uplink: paths and bodies from kiosk/core/protocol; HTTP results become Replies.
#include "kiosk/uplink/box_uplink.hpp"

#include "kiosk/core/pin_buffer.hpp"

namespace classbook::kiosk {

Reply to_reply(HttpResult r) {
  if (!r.reached) return unreachable_reply(std::move(r.error));
  auto reply = reply_from_http(r.status, std::move(r.body));
  reply.headers = std::move(r.headers);
  return reply;
}

void BoxUplink::send(HttpRequest request, Done done) {
  client_.request(std::move(request), [done = std::move(done)](HttpResult r) { done(to_reply(std::move(r))); });
}

void BoxUplink::add_spool_depth(HttpRequest& request) const {
  if (spool_depth_) request.headers.emplace_back(spool_depth_header, std::to_string(spool_depth_()));
}

void BoxUplink::hello(Done done) {
  HttpRequest request{"GET", path::hello, "", true, false};
  add_spool_depth(request);
  send(std::move(request), std::move(done));
}

// Idempotent by tap_id: the box answers a replay with 200 "duplicate".
void BoxUplink::post_tap(const SpooledTap& tap, Done done) {
  HttpRequest request{"POST", path::taps, tap_body(tap), true, false};
  add_spool_depth(request);  // the tap itself still counted: it leaves the spool once the box has it
  send(std::move(request), std::move(done));
}

// Not resent on its own: a PIN attempt counts against the pupil's tries.
void BoxUplink::hall_diary(const DiaryQuery& query, Done done) {
  HttpRequest request{"POST", path::diary, diary_body(query), false, true};
  send(std::move(request), std::move(done));
}

// Not resent either (a PIN attempt, and a print counted against the pupil's day).
void BoxUplink::hall_extract(const DiaryQuery& query, Done done) {
  HttpRequest request{"POST", path::diary_extract, diary_body(query), false, true};
  request.accept = "application/pdf, application/json";
  request.timeout_at_least = extract_timeout;
  send(std::move(request), std::move(done));
}

}  // namespace classbook::kiosk
