// hid_wedge_reader: a keyboard-wedge card reader or barcode scanner read as raw HID boot-keyboard
// reports — taken from usbhid so nothing is typed into the kiosk's screen, and independent of the
// desktop's keyboard layout.
#pragma once

#include "drivers/card/hid_keyboard.hpp"
#include "drivers/usb/interface_info.hpp"
#include "drivers/usb/usb_driver.hpp"
#include "drivers/usb/usb_transfer.hpp"

namespace classbook::drivers::usb {

class HidWedgeReader final : public UsbDriver {
 public:
  HidWedgeReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host);

  Status open() override;
  void tick(TimePoint now) override;
  void cancel() override;
  bool idle() const override { return !transfer_ || !transfer_->in_flight(); }
  void release() override;

 private:
  int submit();  // a libusb_error
  void on_report(UsbTransfer& t);

  const ReaderProfile& profile_;
  libusb_device_handle* handle_;
  DriverHost& host_;
  HidKeyboardDecoder decoder_;
  EndpointInfo endpoint_;
  std::unique_ptr<UsbTransfer> transfer_;  // one report per transfer: sized to the endpoint
  bool claimed_ = false, cancelled_ = false;
};

}  // namespace classbook::drivers::usb
