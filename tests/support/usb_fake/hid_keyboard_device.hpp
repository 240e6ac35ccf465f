// hid_keyboard_device: an emulated keyboard-wedge card reader or barcode scanner — a USB boot
// keyboard that "types" what it reads, claimed by usbhid until the host detaches it.
#pragma once

#include <array>
#include <string_view>

#include "fake_usb_device.hpp"

namespace classbook::test::usb {

class HidKeyboardDevice : public FakeUsbDevice {
 public:
  static constexpr std::uint8_t report_endpoint = 0x81;
  using Report = std::array<std::uint8_t, 8>;

  HidKeyboardDevice(std::uint16_t vendor_id, std::uint16_t product_id);

  // Types `text` as a wedge reader does: per character a press report and a release report
  // ('\n' Enter, '\t' Tab; capitals and shifted symbols with Left Shift). Throws
  // std::invalid_argument for a character a US keyboard cannot type.
  void type(std::string_view text);
  void send_report(const Report& report);  // one raw 8-byte boot report

  bool boot_protocol_set() const;  // the host sent SET_PROTOCOL(boot)
  int idle_rate_requests() const;  // SET_IDLE requests seen

 protected:
  std::string kernel_driver(int interface) const override;
  ControlReply on_control(const SetupPacket& setup, std::span<const std::uint8_t> out) override;

 private:
  bool boot_protocol_ = false;
  int set_idle_ = 0;
};

}  // namespace classbook::test::usb
