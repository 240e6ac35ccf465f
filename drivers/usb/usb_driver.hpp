// usb_driver: what a reader slot needs from each kind of USB reader driver (HID wedge, CCID,
// CDC-ACM), and what a driver tells its slot. Everything here runs on the one event thread.
#pragma once

#include <libusb.h>

#include <memory>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "classbook/common/result.hpp"
#include "drivers/card/reader_profile.hpp"
#include "drivers/reader.hpp"

namespace classbook::drivers::usb {

// Time-outs for the short requests a driver makes while opening (SET_PROTOCOL, SET_LINE_CODING).
inline constexpr unsigned control_timeout_ms = 1000;

struct UsbFault {
  bool unplugged = false;  // the device is gone: no reset; the slot waits for it to come back
  std::string detail;      // for a person: what failed, e.g. "reading key reports: LIBUSB_TRANSFER_ERROR (...)"
};

// The slot a driver reports to.
class DriverHost {
 public:
  virtual ~DriverHost() = default;
  virtual const std::string& name() const = 0;  // "acr122u@1-2", for log lines
  virtual TimePoint now() const = 0;
  virtual void on_card(const CardId& card) = 0;                               // debounced by the slot
  virtual void on_code(const std::string& format, const std::string& text) = 0;
  virtual void on_alive() = 0;             // a transfer succeeded: the reader works (back-off resets)
  virtual void on_fault(UsbFault fault) = 0;  // the driver stops; the slot resets and reopens it
};

class UsbDriver {
 public:
  virtual ~UsbDriver() = default;
  // Claims its interface(s), configures the reader and starts its transfers.
  virtual Status open() = 0;
  virtual void tick(TimePoint now) { (void)now; }
  virtual std::optional<TimePoint> next_deadline() const { return std::nullopt; }  // when tick() is due
  virtual void feedback(Feedback f) { (void)f; }
  // Cancels every transfer; idle() turns true once libusb handed them all back. Then release().
  virtual void cancel() = 0;
  virtual bool idle() const = 0;
  virtual void release() = 0;  // releases the claimed interfaces (the kernel driver gets them back)
};

std::unique_ptr<UsbDriver> make_driver(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host);

// Text a wedge or serial reader produced → on_card by the profile's UID format (a malformed number
// is logged and dropped) or, for a code scanner, on_code.
void deliver_text(const ReaderProfile& profile, DriverHost& host, const std::string& text);

// UsbFault for a finished transfer that did not complete: unplugged, or what went wrong `doing`.
UsbFault transfer_fault(libusb_transfer_status status, const std::string& doing);

}  // namespace classbook::drivers::usb
