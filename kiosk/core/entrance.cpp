// entrance: the spool row is written (and synced) before anything is shown, so "recorded" is true.
#include "kiosk/core/entrance.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"
#include "kiosk/core/local_time.hpp"

namespace classbook::kiosk {

std::string Entrance::local_time(TimePoint at, const std::string& server_at) const {
  const auto offset = contact_.utc_offset_minutes();
  if (!offset) return {};
  if (!server_at.empty())
    if (auto text = local_hhmm(server_at, *offset); !text.empty()) return text;
  return local_hhmm(at, *offset);
}

namespace {
bool is_answer(Banner b) {
  return b == Banner::welcome || b == Banner::goodbye || b == Banner::unknown_card || b == Banner::sent_to_desk;
}
std::int64_t epoch_ms(TimePoint t) { return t.time_since_epoch().count(); }
}  // namespace

void Entrance::replace_message(Banner banner, TimePoint until) {
  const auto now = clock_.now();
  drop_expired_recent(now);
  auto& s = screen_.draft();
  if (is_answer(s.banner) && s.banner_until_ms > epoch_ms(now)) {
    s.recent.insert(s.recent.begin(), RecentAnswer{s.banner, s.person, s.class_name, s.time_text, s.banner_until_ms});
    if (s.recent.size() > max_recent_answers) s.recent.pop_back();
  }
  screen_.message(banner, until);
}

void Entrance::drop_expired_recent(TimePoint now) {
  std::erase_if(screen_.draft().recent, [&](const RecentAnswer& r) { return r.until_ms <= epoch_ms(now); });
}

void Entrance::on_card(const drivers::CardRead& read) {
  const auto now = clock_.now();
  auto row = spool_.append(NewTap{read.card.hex, read.reader, format_utc(read.at), config_.direction});
  if (!row) {
    log::error("spool", "tap of card " + read.card.hex + " NOT recorded: " + row.error().message);
    replace_message(Banner::error, now + config_.timing.alert_banner);
    screen_.draft().detail = row.error().message;
    feedback_.feedback(read.reader, drivers::Feedback::error);
    return;
  }
  log::write(log::Level::debug, "entrance",
             "tap " + std::to_string(row->seq) + " card " + read.card.hex + " at " + read.reader + " spooled");
  awaiting_.push_back({row->seq, read.reader, read.at, now + config_.timing.online_answer});
  if (awaiting_.size() > max_awaiting_answers) awaiting_.pop_front();
  // The previous person's name must not stand over this one's wait as if it were theirs; it moves
  // to the recent list.
  replace_message(Banner::idle, TimePoint{});
  courier_.kick();
}

void Entrance::on_outcome(const TapOutcome& o) {
  const auto it = std::find_if(awaiting_.begin(), awaiting_.end(), [&](const Awaiting& a) { return a.seq == o.seq; });
  if (it == awaiting_.end()) return;  // answered after its person has gone: the spool is all that matters
  const Awaiting a = *it;
  awaiting_.erase(it);
  if (o.kind == TapOutcome::Kind::deferred) return show_offline(a);

  const auto now = clock_.now();
  drivers::Feedback f = drivers::Feedback::accepted;
  Banner banner = Banner::welcome;
  auto until = now + config_.timing.banner;
  if (o.kind == TapOutcome::Kind::rejected) {
    f = drivers::Feedback::error;
    banner = Banner::error;
    until = now + config_.timing.alert_banner;
  } else if (o.answer && o.answer->result == "unknown_card") {
    f = drivers::Feedback::unknown;
    banner = Banner::unknown_card;
    until = now + config_.timing.alert_banner;
  } else if (o.answer && o.answer->result == "out") {
    banner = Banner::goodbye;
  } else if (o.answer && o.answer->result == "desk") {
    // The office's reader: no attendance, the secretary's page got the card. Accepted, not green:
    // nobody came in or went out.
    banner = Banner::sent_to_desk;
  }
  feedback_.feedback(a.reader, f);
  // One line per answered tap: what an operator (and the README's demo) watches in the log.
  log::info("entrance", "tap " + std::to_string(a.seq) + ": " +
                            (o.answer ? o.answer->result + (o.answer->name.empty() ? "" : " — " + o.answer->name + ", " +
                                                                                        o.answer->class_name)
                                      : "refused: " + o.message));
  // Shown even when a newer tap already waits (its own answer follows within a round trip): the
  // alternative left this pupil without a welcome whenever the box took longer than the gap
  // between two taps.
  replace_message(banner, until);
  auto& s = screen_.draft();
  if (o.answer) {
    s.person = o.answer->name;
    s.class_name = o.answer->class_name;
  }
  s.time_text = local_time(a.at, o.answer ? o.answer->at : std::string());
  if (banner == Banner::error) s.detail = o.message;
}

void Entrance::show_offline(const Awaiting& a) {
  feedback_.feedback(a.reader, drivers::Feedback::offline);
  replace_message(Banner::recorded_offline, clock_.now() + config_.timing.banner);
  screen_.draft().time_text = local_time(a.at);
}

void Entrance::tick() {
  const auto now = clock_.now();
  while (!awaiting_.empty() && awaiting_.front().deadline <= now) {
    const Awaiting a = awaiting_.front();
    awaiting_.pop_front();
    show_offline(a);
  }
  drop_expired_recent(now);
  const auto until = screen_.banner_until();
  if (screen_.draft().banner != Banner::idle && until != TimePoint{} && now >= until) screen_.idle();
}

std::optional<TimePoint> Entrance::next_wakeup() const {
  std::optional<TimePoint> next;
  if (!awaiting_.empty()) next = awaiting_.front().deadline;
  const auto until = screen_.banner_until();
  if (screen_.draft().banner != Banner::idle && until != TimePoint{}) next = next ? std::min(*next, until) : until;
  for (const auto& r : screen_.draft().recent) {
    const TimePoint leaves{std::chrono::milliseconds(r.until_ms)};
    next = next ? std::min(*next, leaves) : leaves;
  }
  return next;
}

}  // namespace classbook::kiosk
