// courier: the only place that decides which tap goes next; the spool's order is the truth.
#include "kiosk/core/courier.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"

namespace classbook::kiosk {
namespace {

// 4xx on a tap that will not change by retrying it (bad card text, time far off, ...).
bool permanent_refusal(const Reply& r) {
  return r.kind == Reply::Kind::refused && !kiosk_not_authorised(r) && r.status != 408 && r.status != 429;
}

}  // namespace

void Courier::kick() {
  if (in_flight_) return;
  if (retry_at_) {
    if (clock_.now() < *retry_at_) return;
    retry_at_.reset();  // due: from here on only the contact holds sending back
  }
  if (!contact_.ready_to_send()) {
    if (spool_.depth() > 0) contact_.probe_soon();
    return;
  }
  auto next = spool_.oldest_pending();
  if (!next) {
    log::error("spool", next.error().message);
    return retry_later();
  }
  if (!*next) return;
  in_flight_ = (*next)->seq;
  const auto seq = (*next)->seq;
  log::write(log::Level::debug, "courier", "sending tap " + std::to_string(seq) + " (" + (*next)->tap_id + ")");
  uplink_.post_tap(**next, [this, seq](Reply r) { on_reply(seq, std::move(r)); });
}

void Courier::tick() {
  if (retry_at_ && clock_.now() >= *retry_at_) kick();
}

std::optional<TimePoint> Courier::next_wakeup() const {
  if (in_flight_) return std::nullopt;
  return retry_at_;
}

void Courier::retry_later() {
  retry_delay_ = retry_delay_.count() == 0 ? timing_.retry_min : std::min(retry_delay_ * 2, timing_.retry_max);
  retry_at_ = clock_.now() + retry_delay_;
}

void Courier::on_reply(std::int64_t seq, Reply r) {
  in_flight_.reset();
  contact_.note(r);
  TapOutcome o;
  o.seq = seq;
  if (r.kind == Reply::Kind::answered) {
    o.kind = TapOutcome::Kind::delivered;
    if (auto a = read_tap_answer(r.body); a) {
      o.answer = std::move(*a);
    } else {
      log::warn("courier", a.error().message);
    }
    if (auto s = spool_.mark_delivered(seq); !s) {
      // The box has it; sending it again is answered "duplicate", so just try again later.
      log::error("spool", s.error().message);
      retry_later();
    } else {
      retry_delay_ = {};
    }
  } else if (permanent_refusal(r)) {
    o.kind = TapOutcome::Kind::rejected;
    o.message = r.message;
    log::warn("courier", "the box refused tap " + std::to_string(seq) + " for good: " + r.message);
    if (auto s = spool_.mark_rejected(seq, r.message); !s) {
      log::error("spool", s.error().message);
      retry_later();
    }
  } else {
    o.kind = TapOutcome::Kind::deferred;
    o.message = r.message;
    if (auto s = spool_.note_failure(seq, r.message); !s) log::error("spool", s.error().message);
    // Unreachable or not authorised: the contact's probe says when to go on. Server errors and
    // throttling: back off here.
    if (r.kind == Reply::Kind::server_error || r.status == 408 || r.status == 429) retry_later();
    if (!backlog_)
      log::info("courier", "taps stay in the spool (" + std::to_string(spool_.depth()) + " waiting): " + r.message);
    backlog_ = true;
  }
  report(o);
  if (o.kind != TapOutcome::Kind::deferred) kick();
}

void Courier::report(const TapOutcome& o) {
  if (backlog_ && spool_.depth() == 0) {
    log::info("courier", "spool drained: every tap is at the box");
    backlog_ = false;
  }
  if (on_outcome_) on_outcome_(o);
}

}  // namespace classbook::kiosk
