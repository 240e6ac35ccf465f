// kiosk_logic: wiring of contact, courier and the mode's logic, and the screen's footer.
#include "kiosk/core/kiosk_logic.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"

namespace classbook::kiosk {
namespace {

ScreenState first_screen(const KioskConfig& c) {
  ScreenState s;
  s.mode = c.mode;
  s.language = c.language;
  s.kiosk_name = c.name;
  return s;
}

void earliest(std::optional<TimePoint>& into, std::optional<TimePoint> t) {
  if (t && (!into || *t < *into)) into = t;
}

}  // namespace

KioskLogic::KioskLogic(const KioskConfig& config, KioskPorts ports)
    : config_(config), ports_(ports), screen_(ports.screen, first_screen(config_)), uplink_(*this, ports.uplink),
      contact_(ports.clock, uplink_, config_.timing) {
  if (config_.mode == Mode::entrance) {
    courier_ = std::make_unique<Courier>(ports_.clock, *ports_.spool, uplink_, contact_, config_.timing);
    entrance_ = std::make_unique<Entrance>(ports_.clock, config_, *ports_.spool, *courier_, contact_, screen_,
                                           ports_.feedback);
    courier_->on_outcome([this](const TapOutcome& o) { entrance_->on_outcome(o); });
    contact_.on_restored([this] { courier_->kick(); });
  } else {
    hall_ = std::make_unique<Hall>(ports_.clock, config_.timing, uplink_, contact_, screen_, ports_.feedback,
                                   HallPrinter{ports_.printers, config_.printer.queue});
  }
}

Uplink::Done KioskLogic::SteppingUplink::wrap(Done done) {
  return [this, done = std::move(done)](Reply r) mutable { logic_.step([&] { done(std::move(r)); }); };
}

template <class F>
void KioskLogic::step(F&& f) {
  f();
  refresh();
  if (on_step_) on_step_();
}

void KioskLogic::refresh() {
  auto& s = screen_.draft();
  s.server_reachable = contact_.reachable();
  s.last_contact = contact_.last_contact();
  s.school = contact_.school();
  if (config_.name.empty()) s.kiosk_name = contact_.kiosk_name();
  s.spool_depth = ports_.spool ? ports_.spool->depth() : 0;
  const char* mode = config_.mode == Mode::hall ? "hall" : "entrance";
  if (!warned_mode_ && !contact_.kiosk_mode().empty() && contact_.kiosk_mode() != mode) {
    log::warn("kiosk", std::string("the box enrolled this kiosk as '") + contact_.kiosk_mode() + "' but the config says mode = " +
                           mode + "; the box will refuse what this mode asks for — fix [kiosk] mode");
    warned_mode_ = true;
  }
  // A kiosk the box no longer accepts says so on its idle screen, in place of "tap your card".
  if (!contact_.authorised() && s.banner == Banner::idle) {
    screen_.message(Banner::error, TimePoint{});
    s.detail = contact_.problem();
    showing_problem_ = true;
  } else if (showing_problem_ && (contact_.authorised() || s.banner != Banner::error)) {
    if (s.banner == Banner::error && s.banner_until_ms == 0) screen_.idle();
    showing_problem_ = false;
  }
  screen_.publish();
}

void KioskLogic::start() {
  step([&] { contact_.start(); });
}

void KioskLogic::on_card(const drivers::CardRead& read) {
  step([&] {
    if (entrance_) {
      if (showing_problem_) screen_.idle();
      showing_problem_ = false;
      entrance_->on_card(read);
    } else {
      hall_->on_card(read);
    }
  });
}

void KioskLogic::on_code(const drivers::CodeScan& scan) {
  step([&] {
    if (hall_) return hall_->on_code(scan);
    // An entrance records cards only: a code on a phone or paper is too easy to pass around.
    log::info("entrance", "ignored a " + scan.format + " code: entrance kiosks record cards only");
  });
}

void KioskLogic::on_status(const drivers::ReaderStatus& status) {
  step([&] {
    auto& readers = screen_.draft().readers;
    auto it = std::find_if(readers.begin(), readers.end(), [&](const auto& r) { return r.reader == status.reader; });
    if (it == readers.end()) {
      readers.push_back(status);
    } else if (it->state == status.state && it->detail == status.detail) {
      return;
    } else {
      *it = status;
    }
    log::info("reader", status.reader + (status.model.empty() ? "" : " (" + status.model + ")") + ": " +
                            drivers::to_string(status.state) + (status.detail.empty() ? "" : " — " + status.detail));
  });
}

void KioskLogic::tick() {
  step([&] {
    contact_.tick();
    if (courier_) courier_->tick();
    if (entrance_) entrance_->tick();
    if (hall_) hall_->tick();
  });
}

std::optional<TimePoint> KioskLogic::next_wakeup() const {
  std::optional<TimePoint> next = contact_.next_wakeup();
  if (courier_) earliest(next, courier_->next_wakeup());
  if (entrance_) earliest(next, entrance_->next_wakeup());
  if (hall_) earliest(next, hall_->next_wakeup());
  return next;
}

void KioskLogic::pin_digit(int digit) {
  step([&] { if (hall_) hall_->pin_digit(digit); });
}
void KioskLogic::pin_erase() {
  step([&] { if (hall_) hall_->pin_erase(); });
}
void KioskLogic::pin_submit() {
  step([&] { if (hall_) hall_->pin_submit(); });
}
void KioskLogic::week_step(int delta) {
  step([&] { if (hall_) hall_->week_step(delta); });
}
void KioskLogic::done() {
  step([&] { if (hall_) hall_->done(); });
}
void KioskLogic::print_extract() {
  step([&] { if (hall_) hall_->print_extract(); });
}

}  // namespace classbook::kiosk
