// hall: one session at a time; the PIN lives in the session and dies with it (or at the idle time,
// when a print keeps the session open longer).
#include "kiosk/core/hall.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"
#include "kiosk/core/local_time.hpp"

namespace classbook::kiosk {

void Hall::on_card(const drivers::CardRead& read) { begin(read.card.hex, {}, read.reader); }

void Hall::on_code(const drivers::CodeScan& scan) {
  const std::string prefix = card_qr_prefix;
  if (scan.text.rfind(prefix, 0) != 0 || scan.text.size() == prefix.size()) {
    log::info("hall", "ignored a " + scan.format + " code that is not a pupil's card code");
    return;
  }
  begin({}, scan.text, scan.reader);
}

void Hall::begin(std::string card, std::string qr, const std::string& reader) {
  end();
  session_ = std::make_unique<Session>();
  session_->card = std::move(card);
  session_->qr = std::move(qr);
  session_->reader = reader;
  step_ = Step::pin;
  last_touch_ = clock_.now();
  show_pin();
}

void Hall::show_pin() {
  screen_.message(Banner::enter_pin, idle_deadline());
  screen_.draft().pin_length = session_->pin.size();
}

void Hall::pin_digit(int digit) {
  if (!session_ || asking_ || (step_ != Step::pin && step_ != Step::notice)) return;
  if (step_ == Step::notice) step_ = Step::pin;  // typing again after "wrong PIN"
  last_touch_ = clock_.now();
  session_->pin.push(digit);
  show_pin();
}

void Hall::pin_erase() {
  if (!session_ || asking_ || step_ != Step::pin) return;
  last_touch_ = clock_.now();
  session_->pin.pop();
  show_pin();
}

void Hall::pin_submit() {
  if (!session_ || asking_ || step_ != Step::pin || !session_->pin.complete()) return;
  last_touch_ = clock_.now();
  ask({});
}

void Hall::week_step(int delta) {
  if (!session_ || asking_ || step_ != Step::diary || session_->pin_expired || (delta != -1 && delta != 1)) return;
  last_touch_ = clock_.now();
  const auto week = step_iso_week(session_->week, delta);
  if (week.empty()) return;
  ask(week);
}

void Hall::done() {
  if (step_ == Step::idle) return;
  end();
  screen_.idle();
}

void Hall::ask(const std::string& week) {
  asking_ = true;
  DiaryQuery q{session_->card, session_->qr, session_->pin.text(), week};
  const auto generation = generation_;
  uplink_.hall_diary(q, [this, generation](Reply r) { on_reply(generation, std::move(r)); });
  wipe_string(q.pin);
}

void Hall::on_reply(std::uint64_t generation, Reply r) {
  contact_.note(r);
  if (generation != generation_ || !session_) return;
  asking_ = false;
  const auto& reader = session_->reader;
  if (r.kind == Reply::Kind::answered) {
    auto d = read_diary_answer(r.body);
    if (!d) return notice(Banner::error, d.error().message);
    feedback_.feedback(reader, drivers::Feedback::accepted);
    step_ = Step::diary;
    session_->week = d->week;
    session_->name = d->name;
    screen_.message(Banner::diary, diary_until());
    auto& s = screen_.draft();
    s.person = d->name;
    s.class_name = d->class_name;
    s.week = d->week;
    s.diary_json = std::move(d->diary_json);
    s.print = session_->print;  // a print under way stays in view across week steps
    return;
  }
  if (r.kind == Reply::Kind::unreachable || r.kind == Reply::Kind::server_error) {
    feedback_.feedback(reader, drivers::Feedback::offline);
    return notice(Banner::error, r.message);
  }
  if (pin_refusal(r)) return;
  feedback_.feedback(reader, drivers::Feedback::error);
  notice(Banner::error, r.message);
}

// The refusals a diary and an extract share; each ends the session but a wrong PIN's.
bool Hall::pin_refusal(const Reply& r) {
  const auto& reader = session_->reader;
  if (r.code == "wrong_pin") {
    feedback_.feedback(reader, drivers::Feedback::error);
    session_->pin.wipe();
    step_ = Step::notice;  // the pad stays: the next digit starts over
    last_touch_ = clock_.now();
    screen_.message(Banner::wrong_pin, idle_deadline());
    screen_.draft().attempts_left = std::max(0, attempts_left(r.body));
    return true;
  }
  if (r.code == "pin_locked") {
    feedback_.feedback(reader, drivers::Feedback::error);
    const auto until = locked_until(r.body);
    const auto offset = contact_.utc_offset_minutes();
    notice(Banner::pin_locked, offset ? local_hhmm(until, *offset) : std::string());
    return true;
  }
  if (r.code == "no_pin") {
    notice(Banner::no_pin);
    return true;
  }
  if (r.code == "unknown_card" || r.status == 404) {
    feedback_.feedback(reader, drivers::Feedback::unknown);
    notice(Banner::unknown_card);
    return true;
  }
  return false;
}

// A message after which the session is over.
void Hall::notice(Banner banner, const std::string& detail) {
  end();
  step_ = Step::notice;
  screen_.message(banner, clock_.now() + timing_.hall_notice);
  screen_.draft().detail = detail;
}

void Hall::end() {
  ++generation_;
  session_.reset();  // PinBuffer wipes itself
  asking_ = false;
  step_ = Step::idle;
}

TimePoint Hall::diary_until() const {
  if (print_running()) return TimePoint{};  // the print's own bound (print_follow_max) ends it
  return std::max(idle_deadline(), session_->hold_until);
}

void Hall::tick() {
  follow_jobs();
  expire_pin();
  const auto until = screen_.banner_until();
  if (screen_.draft().banner == Banner::idle || until == TimePoint{} || clock_.now() < until) return;
  end();
  screen_.idle();
}

std::optional<TimePoint> Hall::next_wakeup() const {
  std::optional<TimePoint> next;
  const auto earliest = [&next](TimePoint t) {
    if (!next || t < *next) next = t;
  };
  const auto until = screen_.banner_until();
  if (screen_.draft().banner != Banner::idle && until != TimePoint{}) earliest(until);
  if (session_ && !session_->pin_expired) earliest(idle_deadline());
  for (const auto& job : jobs_) earliest(std::min(job.next_poll, job.give_up_at));
  return next;
}

}  // namespace classbook::kiosk
