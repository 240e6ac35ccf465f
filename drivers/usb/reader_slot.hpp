// reader_slot: one reader at one USB port through its life on the event thread — opening, ready,
// failing (reset, reopened with back-off), unplugged and back — reporting every change of state
// and every debounced read to the sink.
#pragma once

#include <libusb.h>

#include <memory>
#include <optional>
#include <string>

#include "drivers/card/debouncer.hpp"
#include "drivers/reader.hpp"
#include "drivers/usb/backoff.hpp"
#include "drivers/usb/usb_driver.hpp"

namespace classbook::drivers::usb {

class ReaderSlot final : public DriverHost {
 public:
  ReaderSlot(std::string name, const ReaderProfile& profile, const Clock& clock, ReaderSink& sink, Backoff backoff);
  ~ReaderSlot() override;
  ReaderSlot(const ReaderSlot&) = delete;
  ReaderSlot& operator=(const ReaderSlot&) = delete;

  libusb_device* device() const { return device_; }
  // The device is there (hotplug or rescan): open it now, or once a close under way has finished.
  void attach(libusb_device* device);
  // The device left: close without a reset; absent until it comes back.
  void detach();
  void feedback(Feedback f);
  // Runs what is due: a fault to act on, a close that can finish, a retry, the driver's timers.
  void tick();
  std::optional<TimePoint> next_deadline() const;
  // Stopping: cancel everything; stopped() once every transfer is back and the handle is closed.
  void begin_stop();
  bool stopped() const { return phase_ == Phase::closed; }

  // DriverHost
  const std::string& name() const override { return name_; }
  TimePoint now() const override { return clock_.now(); }
  void on_card(const CardId& card) override;
  void on_code(const std::string& format, const std::string& text) override;
  void on_alive() override { backoff_.reset(); }
  void on_fault(UsbFault fault) override;

 private:
  enum class Phase { closed, open, closing };
  enum class Then { retry, absent, reopen, stop };  // what follows a close

  void open_now();
  void begin_close(Then then, std::string detail, bool reset);
  void finish_close();
  void set_device(libusb_device* device);
  void report(ReaderState state, std::string detail);

  const std::string name_;
  const ReaderProfile& profile_;
  const Clock& clock_;
  ReaderSink& sink_;
  Backoff backoff_;
  Debouncer debouncer_;
  libusb_device* device_ = nullptr;  // referenced while we hold it
  libusb_device_handle* handle_ = nullptr;
  std::unique_ptr<UsbDriver> driver_;
  Phase phase_ = Phase::closed;
  Then then_ = Then::retry;
  bool reset_ = false;
  std::string close_detail_;
  std::optional<UsbFault> fault_;  // acted on in tick(), outside libusb's callbacks
  std::optional<TimePoint> retry_at_;
  ReaderState state_ = ReaderState::absent;
  std::string detail_;
};

}  // namespace classbook::drivers::usb
