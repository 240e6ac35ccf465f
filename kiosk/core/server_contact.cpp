// server_contact: reachability as a tiny state machine; logs each change once, not each probe.
#include "kiosk/core/server_contact.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"

namespace classbook::kiosk {

void ServerContact::tick() {
  if (!hello_in_flight_ && clock_.now() >= next_hello_) send_hello();
}

std::optional<TimePoint> ServerContact::next_wakeup() const {
  if (hello_in_flight_) return std::nullopt;
  return next_hello_;
}

void ServerContact::probe_soon() {
  const auto now = clock_.now();
  if (hello_in_flight_ || now - last_probe_ < timing_.probe_min_gap) return;
  send_hello();
}

void ServerContact::send_hello() {
  hello_in_flight_ = true;
  last_probe_ = clock_.now();
  uplink_.hello([this](Reply r) { on_hello(std::move(r)); });
}

void ServerContact::on_hello(Reply r) {
  hello_in_flight_ = false;
  if (r.kind == Reply::Kind::answered) {
    if (auto h = read_hello(r.body); h) {
      if (h->school != school_ && !h->school.empty()) log::info("kiosk", "school: " + h->school);
      school_ = h->school;
      kiosk_name_ = h->kiosk_name;
      kiosk_mode_ = h->mode;
      if (h->utc_offset_minutes) utc_offset_ = h->utc_offset_minutes;
    } else {
      log::warn("kiosk", h.error().message);
    }
  }
  note(r);
}

void ServerContact::note(const Reply& r) {
  const auto now = clock_.now();
  const bool could_send = ready_to_send();
  if (reached_server(r)) {
    failures_ = 0;
    last_contact_ = format_utc(now);
    next_hello_ = now + timing_.hello_interval;
    if (state_ != State::up) log::info("kiosk", "server reachable");
    state_ = State::up;
    if (kiosk_not_authorised(r)) {
      if (problem_ != r.message) log::error("kiosk", "the box refuses this kiosk: " + r.message);
      problem_ = r.message.empty() ? "this kiosk is not enrolled at the box; enrol it again" : r.message;
    } else if (r.kind != Reply::Kind::server_error && !problem_.empty()) {
      log::info("kiosk", "the box accepts this kiosk again");
      problem_.clear();
    }
  } else {
    ++failures_;
    // 1 s, 2 s, 4 s … but never slower than the idle probe.
    const auto backoff = std::min<std::chrono::milliseconds>(
        timing_.hello_interval, std::chrono::milliseconds(1000LL << std::min(failures_ - 1, 10)));
    next_hello_ = now + backoff;
    if (state_ != State::down) log::warn("kiosk", "server unreachable: " + r.message);
    state_ = State::down;
  }
  if (!could_send && ready_to_send() && on_restored_) on_restored_();
}

}  // namespace classbook::kiosk
