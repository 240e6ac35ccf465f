// cdc_acm_device: an emulated serial-over-USB (CDC-ACM) reader — a comm interface and a data
// interface, both bound to cdc_acm until detached; serial bytes reach the host on bulk IN in
// whatever chunks the test chooses.
#pragma once

#include <optional>

#include "fake_usb_device.hpp"

namespace classbook::test::usb {

struct LineCoding {
  std::uint32_t baud = 0;
  std::uint8_t stop_bits = 0;  // 0: 1 stop bit
  std::uint8_t parity = 0;     // 0: none
  std::uint8_t data_bits = 0;
};

class CdcAcmDevice : public FakeUsbDevice {
 public:
  static constexpr int comm_interface = 0, data_interface = 1;
  static constexpr std::uint8_t notify_in = 0x83, data_in = 0x81, data_out = 0x01;
  static constexpr std::size_t max_packet = 64;

  CdcAcmDevice(std::uint16_t vendor_id, std::uint16_t product_id);

  // Sends serial bytes in chunks of at most `chunk` (one bulk-IN transfer each). Like many modules
  // it stays silent until the host raises DTR: returns false (and drops the bytes) before that.
  bool send(std::span<const std::uint8_t> bytes, std::size_t chunk = max_packet);

  std::optional<LineCoding> line_coding() const;  // the last SET_LINE_CODING
  bool dtr() const;
  bool rts() const;

 protected:
  std::string kernel_driver(int interface) const override;
  ControlReply on_control(const SetupPacket& setup, std::span<const std::uint8_t> out) override;
  void on_plugged() override;

 private:
  std::optional<LineCoding> line_coding_;
  std::uint16_t line_state_ = 0;
};

}  // namespace classbook::test::usb
