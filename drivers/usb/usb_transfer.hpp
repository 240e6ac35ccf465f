// usb_transfer: one asynchronous libusb transfer owning its buffer, whose completion runs a
// callback on the event thread. Must not be destroyed while in flight (cancel, then wait).
#pragma once

#include <libusb.h>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace classbook::drivers::usb {

class UsbTransfer {
 public:
  using Done = std::function<void(UsbTransfer&)>;

  explicit UsbTransfer(std::size_t capacity);
  ~UsbTransfer();
  UsbTransfer(const UsbTransfer&) = delete;
  UsbTransfer& operator=(const UsbTransfer&) = delete;

  // Returns a libusb_error (0 = submitted). `transfer` is LIBUSB_TRANSFER_TYPE_BULK or _INTERRUPT;
  // timeout 0 waits for ever.
  int submit_in(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer, unsigned timeout_ms,
                Done done);
  int submit_out(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer,
                 std::span<const std::uint8_t> data, unsigned timeout_ms, Done done);
  void cancel();  // the callback still runs, with LIBUSB_TRANSFER_CANCELLED (or whatever came first)

  bool in_flight() const { return in_flight_; }
  libusb_transfer_status status() const { return transfer_->status; }
  std::span<const std::uint8_t> data() const;  // what arrived

 private:
  int submit(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer, int length,
             unsigned timeout_ms, Done done);
  static void LIBUSB_CALL on_complete(libusb_transfer* t);

  libusb_transfer* transfer_;
  std::vector<std::uint8_t> buffer_;
  Done done_;
  bool in_flight_ = false;
};

}  // namespace classbook::drivers::usb
