// hall_print: the Print button — ask the printer, then the box for the shown week's extract, send it
// to this kiosk's queue, follow the job every second and say how it went. The printer is asked on
// the agent's thread: a local cupsd answers in milliseconds, and every call of the CUPS adapter is
// bounded (connect 5 s, each answer 30 s); a slow one is logged.
#include <algorithm>

#include "classbook/common/log.hpp"
#include "kiosk/core/hall.hpp"

namespace classbook::kiosk {
namespace {

// Runs one call to the printer, and says in the log when it held the agent up.
template <class F>
auto timed(Clock& clock, const std::string& what, F&& call) {
  const auto start = clock.now();
  auto result = call();
  const auto took = clock.now() - start;
  if (took >= print_call_slow)
    log::warn("hall", "the printer took " + std::to_string(took.count()) + " ms to answer " + what +
                          "; the screen waited for it (is the kiosk's CUPS overloaded or hung?)");
  return result;
}

bool is_running(PrintStage s) {
  return s == PrintStage::preparing || s == PrintStage::printing || s == PrintStage::stopped;
}

}  // namespace

bool Hall::print_running() const { return session_ && is_running(session_->print.stage); }

void Hall::print_extract() {
  // One print at a time, and never without the PIN the box asks for.
  if (!session_ || step_ != Step::diary || asking_ || print_running() || session_->pin_expired) return;
  last_touch_ = clock_.now();
  // Nothing is asked of the box: it would count a print the pupil cannot have.
  if (!printer_.printers || printer_.queue.empty()) return print_shown({PrintStage::unavailable});
  if (!printer_ready()) return;
  asking_ = true;
  print_shown({PrintStage::preparing});
  DiaryQuery q{session_->card, session_->qr, session_->pin.text(), session_->week};
  const auto generation = generation_;
  uplink_.hall_extract(q, [this, generation](Reply r) { on_extract(generation, std::move(r)); });
  wipe_string(q.pin);
}

// A printer that cannot print now is said before the box counts a print against the pupil's day.
bool Hall::printer_ready() {
  auto status = timed(clock_, "about queue '" + printer_.queue + "'",
                      [&] { return printer_.printers->status(printer_.queue); });
  if (!status) {
    log::error("hall", "printer (kiosk.conf [printer] queue = " + printer_.queue + "): " + status.error().message);
    print_over({PrintStage::failed, printer_problem(status.error())});
    return false;
  }
  if (status->state == printing::PrinterState::ready || status->state == printing::PrinterState::busy) return true;
  log::warn("hall", "printer queue '" + printer_.queue + "' cannot print: " + status->message);
  print_over({PrintStage::failed, std::string(printing::to_string(status->state)), status->message});
  return false;
}

void Hall::on_extract(std::uint64_t generation, Reply r) {
  contact_.note(r);
  // The pupil has gone (Done, another card): nothing is printed for nobody.
  if (generation != generation_ || !session_) return;
  asking_ = false;
  if (r.kind == Reply::Kind::answered) {
    auto extract = read_extract_answer(std::move(r));
    if (!extract) {
      log::error("hall", extract.error().message);
      return print_over({PrintStage::failed, print_problem::box_refused, extract.error().message});
    }
    return submit(extract->pdf, extract->prints_left);
  }
  if (r.kind == Reply::Kind::unreachable) {
    feedback_.feedback(session_->reader, drivers::Feedback::offline);
    return print_over({PrintStage::failed, print_problem::box_unreachable, r.message});
  }
  if (r.code == "print_limit") return print_over({PrintStage::failed, print_problem::print_limit, r.message});
  if (r.kind == Reply::Kind::refused && pin_refusal(r)) return;
  log::warn("hall", "the box gave no extract: " + r.message);
  print_over({PrintStage::failed, print_problem::box_refused, r.message});
}

void Hall::submit(const std::string& pdf, int prints_left) {
  const auto title = std::string(extract_title_prefix) + session_->name;
  auto id = timed(clock_, "the extract", [&] { return printer_.printers->submit(printer_.queue, pdf, title, 1); });
  if (!id) {
    log::error("hall", "printer (kiosk.conf [printer] queue = " + printer_.queue + ") did not take the extract: " +
                           id.error().message);
    return print_over({PrintStage::failed, printer_problem(id.error())});
  }
  log::info("hall", "extract sent to printer queue '" + printer_.queue + "' as job " + std::to_string(*id));
  const auto now = clock_.now();
  jobs_.push_back({*id, generation_, now + print_follow_max, now + print_poll_interval, prints_left});
  print_shown({PrintStage::printing, {}, {}, prints_left});
}

void Hall::follow_jobs() {
  const auto now = clock_.now();
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const bool due = now >= it->next_poll || now >= it->give_up_at;
    it = due && follow(*it) ? jobs_.erase(it) : it + 1;
  }
}

bool Hall::follow(FollowedJob& job) {
  const auto now = clock_.now();
  const bool mine = session_ && job.session == generation_;
  const auto name = "job " + std::to_string(job.id) + " of printer queue '" + printer_.queue + "'";
  auto state = timed(clock_, "about " + name, [&] { return printer_.printers->job(printer_.queue, job.id); });
  const auto printed = [&] {
    log::info("hall", name + " printed");
    if (mine) print_over({PrintStage::printed, {}, {}, job.prints_left});
    return true;
  };
  if (state && state->state == printing::JobState::completed) return printed();
  if (state && state->state == printing::JobState::cancelled) {
    log::warn("hall", name + " was cancelled at the printer");
    if (mine) print_over({PrintStage::failed, print_problem::cancelled});
    return true;
  }
  if (now >= job.give_up_at) {
    auto cancelled = timed(clock_, "cancelling " + name, [&] { return printer_.printers->cancel(printer_.queue, job.id); });
    if (!cancelled && cancelled.error().id.view() == "printing.job_finished") return printed();  // just now
    log::warn("hall", name + " was not printed within " + std::to_string(print_follow_max.count()) +
                          " min; cancelled, so that it does not come out later for someone else" +
                          (cancelled ? "" : " (the cancel failed: " + cancelled.error().message + ")"));
    if (mine) print_over({PrintStage::failed, print_problem::timed_out, session_->print.reason});
    return true;
  }
  job.next_poll = now + print_poll_interval;
  if (!mine) return false;
  if (!state) {  // the kiosk's CUPS went away for a moment: the job may still print
    log::warn("hall", "cannot follow " + name + ": " + state.error().message);
    print_shown({PrintStage::stopped, printer_problem(state.error()), {}, job.prints_left});
    return false;
  }
  if (state->state != printing::JobState::stopped) {
    print_shown({PrintStage::printing, {}, {}, job.prints_left});
    return false;
  }
  // Held at the printer: its state names the problem for the page (no paper, a jam, …).
  auto printer = timed(clock_, "about queue '" + printer_.queue + "'", [&] { return printer_.printers->status(printer_.queue); });
  std::string problem = "other_problem";
  if (printer && printer->state != printing::PrinterState::ready && printer->state != printing::PrinterState::busy)
    problem = std::string(printing::to_string(printer->state));
  if (session_->print.stage != PrintStage::stopped || session_->print.reason != state->reason)
    log::warn("hall", name + " is held: " + state->reason);
  print_shown({PrintStage::stopped, problem, state->reason, job.prints_left});
  return false;
}

std::string Hall::printer_problem(const Error& e) const {
  return e.id.view() == "printing.unreachable" ? print_problem::printer_unreachable : print_problem::printer_refused;
}

void Hall::print_shown(PrintProgress p) {
  session_->print = std::move(p);
  if (step_ != Step::diary) return;  // e.g. a wrong PIN on a week step: shown with the next diary
  auto& s = screen_.draft();
  s.print = session_->print;
  s.banner_until_ms = diary_until().time_since_epoch().count();
}

void Hall::print_over(PrintProgress p) {
  session_->hold_until = clock_.now() + timing_.hall_notice;
  print_shown(std::move(p));
}

// A print keeps the session (and its screen) open past the idle time, never the PIN: it goes at
// the time it always went, and with it the week steps and another print.
void Hall::expire_pin() {
  if (!session_ || session_->pin_expired || clock_.now() < idle_deadline()) return;
  session_->pin.wipe();
  session_->pin_expired = true;
}

}  // namespace classbook::kiosk
