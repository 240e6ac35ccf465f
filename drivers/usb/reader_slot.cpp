// reader_slot: one reader's life on the event thread — open, fail and reopen, unplug, replug.
#include "drivers/usb/reader_slot.hpp"

#include "classbook/common/log.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {

ReaderSlot::ReaderSlot(std::string name, const ReaderProfile& profile, const Clock& clock, ReaderSink& sink,
                       Backoff backoff)
    : name_(std::move(name)),
      profile_(profile),
      clock_(clock),
      sink_(sink),
      backoff_(backoff),
      debouncer_(profile.debounce) {}

ReaderSlot::~ReaderSlot() {
  if (driver_ && !driver_->idle()) {
    // libusb still owns transfers that point into the driver: leaking it beats a use-after-free.
    log::error("usb", name_ + ": transfers still in flight at shutdown; leaking the driver");
    (void)driver_.release();
  } else if (driver_) {
    driver_->release();
  }
  if (handle_) libusb_close(handle_);
  set_device(nullptr);
}

void ReaderSlot::set_device(libusb_device* device) {
  if (device) libusb_ref_device(device);
  if (device_) libusb_unref_device(device_);
  device_ = device;
}

void ReaderSlot::report(ReaderState state, std::string detail) {
  state_ = state;
  detail_ = std::move(detail);
  const std::string line = name_ + " (" + profile_.name + "): " + to_string(state) + " — " + detail_;
  if (state == ReaderState::failed)
    log::warn("usb", line);
  else
    log::info("usb", line);
  sink_.on_status(ReaderStatus{name_, profile_.name, state, detail_});
}

void ReaderSlot::attach(libusb_device* device) {
  if (device == device_ && state_ != ReaderState::absent) return;
  set_device(device);
  switch (phase_) {
    case Phase::closed: return open_now();
    case Phase::open: return begin_close(Then::reopen, "replugged", false);  // a new device at our port
    case Phase::closing:
      if (then_ != Then::stop) then_ = Then::reopen;
      return;
  }
}

void ReaderSlot::detach() {
  switch (phase_) {
    case Phase::open: return begin_close(Then::absent, "unplugged", false);
    case Phase::closing:
      if (then_ != Then::stop) then_ = Then::absent;
      reset_ = false;
      close_detail_ = "unplugged";
      return;
    case Phase::closed:
      set_device(nullptr);
      retry_at_.reset();
      if (state_ != ReaderState::absent) report(ReaderState::absent, "unplugged");
      return;
  }
}

void ReaderSlot::open_now() {
  retry_at_.reset();
  fault_.reset();
  report(ReaderState::opening, "found; claiming and setting it up");
  const int r = libusb_open(device_, &handle_);
  if (r != 0) {
    handle_ = nullptr;
    if (r == LIBUSB_ERROR_NO_DEVICE) return detach();
    phase_ = Phase::closing;
    then_ = Then::retry;
    reset_ = false;
    close_detail_ = "opening failed: " + usb_error_text(r);
    return finish_close();
  }
  driver_ = make_driver(profile_, handle_, *this);
  phase_ = Phase::open;
  if (auto s = driver_->open(); !s) return begin_close(Then::retry, s.error().message, true);
  report(ReaderState::ready, profile_.reads == ReadKind::code ? "reading codes" : "reading cards");
}

void ReaderSlot::on_fault(UsbFault fault) {
  if (phase_ == Phase::open && !fault_) fault_ = std::move(fault);
}

void ReaderSlot::begin_close(Then then, std::string detail, bool reset) {
  if (phase_ != Phase::open) return;
  phase_ = Phase::closing;
  then_ = then;
  reset_ = reset;
  close_detail_ = std::move(detail);
  driver_->cancel();
  finish_close();
}

void ReaderSlot::finish_close() {
  if (driver_ && !driver_->idle()) return;  // transfers still coming back; the next tick looks again
  if (handle_ && reset_) {
    // A reset clears a wedged endpoint or firmware state that reopening alone would not.
    const int r = libusb_reset_device(handle_);
    if (r != 0 && r != LIBUSB_ERROR_NOT_FOUND) log::warn("usb", name_ + ": USB reset failed: " + usb_error_text(r));
  }
  if (driver_) driver_->release();
  driver_.reset();
  if (handle_) libusb_close(handle_);
  handle_ = nullptr;
  phase_ = Phase::closed;
  switch (then_) {
    case Then::retry: {
      const auto delay = backoff_.next();
      retry_at_ = clock_.now() + delay;
      return report(ReaderState::failed, "reopening in " + format_delay(delay) + ": " + close_detail_);
    }
    case Then::absent:
      set_device(nullptr);
      return report(ReaderState::absent, close_detail_);
    case Then::reopen: return open_now();
    case Then::stop: return;
  }
}

void ReaderSlot::tick() {
  if (fault_ && phase_ == Phase::open) {
    UsbFault f = std::move(*fault_);
    fault_.reset();
    begin_close(f.unplugged ? Then::absent : Then::retry, f.detail, !f.unplugged);
  }
  if (phase_ == Phase::closing) finish_close();
  if (phase_ == Phase::closed && retry_at_ && device_ && clock_.now() >= *retry_at_) open_now();
  if (phase_ == Phase::open) driver_->tick(clock_.now());
}

std::optional<TimePoint> ReaderSlot::next_deadline() const {
  if (phase_ == Phase::closed) return retry_at_;
  if (phase_ == Phase::open) return driver_->next_deadline();
  return std::nullopt;
}

void ReaderSlot::feedback(Feedback f) {
  if (phase_ == Phase::open) driver_->feedback(f);
}

void ReaderSlot::begin_stop() {
  retry_at_.reset();
  if (phase_ == Phase::open) return begin_close(Then::stop, "stopping", false);
  if (phase_ == Phase::closing) then_ = Then::stop;
}

void ReaderSlot::on_card(const CardId& card) {
  const TimePoint at = clock_.now();
  if (!debouncer_.accept(card, at)) return;
  sink_.on_card(CardRead{name_, card, at});
}

void ReaderSlot::on_code(const std::string& format, const std::string& text) {
  const TimePoint at = clock_.now();
  // The same code held under a scanner is one scan, like a card left on a reader.
  if (!debouncer_.accept(CardId{text, CardTech::unknown}, at)) return;
  sink_.on_code(CodeScan{name_, format, text, at});
}

}  // namespace classbook::drivers::usb
