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

void Entrance::on_card(const drivers::CardRead& read) {
  const auto now = clock_.now();
  auto row = spool_.append(NewTap{read.card.hex, read.reader, format_utc(read.at), config_.direction});
  if (!row) {
    log::error("spool", "tap of card " + read.card.hex + " NOT recorded: " + row.error().message);
    screen_.message(Banner::error, now + config_.timing.alert_banner);
    screen_.draft().detail = row.error().message;
    feedback_.feedback(read.reader, drivers::Feedback::error);
    return;
  }
  log::write(log::Level::debug, "entrance",
             "tap " + std::to_string(row->seq) + " card " + read.card.hex + " at " + read.reader + " spooled");
  awaiting_.push_back({row->seq, read.reader, read.at, now + config_.timing.online_answer});
  if (awaiting_.size() > max_awaiting_answers) awaiting_.pop_front();
  latest_seq_ = row->seq;
  screen_.idle();  // the previous person's name must not stand over this one's wait
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
  }
  feedback_.feedback(a.reader, f);
  // One line per answered tap: what an operator (and the README's demo) watches in the log.
  log::info("entrance", "tap " + std::to_string(a.seq) + ": " +
                            (o.answer ? o.answer->result + (o.answer->name.empty() ? "" : " — " + o.answer->name + ", " +
                                                                                        o.answer->class_name)
                                      : "refused: " + o.message));
  if (a.seq != latest_seq_) return;
  screen_.message(banner, until);
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
  if (a.seq != latest_seq_) return;
  screen_.message(Banner::recorded_offline, clock_.now() + config_.timing.banner);
  screen_.draft().time_text = local_time(a.at);
}

void Entrance::tick() {
  const auto now = clock_.now();
  while (!awaiting_.empty() && awaiting_.front().deadline <= now) {
    const Awaiting a = awaiting_.front();
    awaiting_.pop_front();
    show_offline(a);
  }
  const auto until = screen_.banner_until();
  if (screen_.draft().banner != Banner::idle && until != TimePoint{} && now >= until) screen_.idle();
}

std::optional<TimePoint> Entrance::next_wakeup() const {
  std::optional<TimePoint> next;
  if (!awaiting_.empty()) next = awaiting_.front().deadline;
  const auto until = screen_.banner_until();
  if (screen_.draft().banner != Banner::idle && until != TimePoint{}) next = next ? std::min(*next, until) : until;
  return next;
}

}  // namespace classbook::kiosk
