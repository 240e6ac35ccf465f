// usb_descriptors: USB device and configuration descriptors for emulated devices, built in code.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace classbook::test::usb {

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::uint8_t transfer_bulk = 0x02;
inline constexpr std::uint8_t transfer_interrupt = 0x03;

struct EndpointSpec {
  std::uint8_t address = 0;     // bit 7 set: IN
  std::uint8_t transfer = transfer_bulk;
  std::uint16_t max_packet = 64;
  std::uint8_t interval = 0;    // frames, for interrupt endpoints
};

struct InterfaceSpec {
  std::uint8_t number = 0;
  std::uint8_t cls = 0, subclass = 0, protocol = 0;
  Bytes extra;  // class-specific descriptors (HID, CCID, CDC functional), placed before the endpoints
  std::vector<EndpointSpec> endpoints;
};

struct DeviceSpec {
  std::uint16_t vendor_id = 0, product_id = 0;
  std::uint16_t bcd_usb = 0x0110, bcd_device = 0x0100;
  std::uint8_t cls = 0, subclass = 0, protocol = 0;  // 0: per interface
  std::uint8_t max_packet0 = 8;
  std::uint8_t max_power_2ma = 50;
  std::vector<InterfaceSpec> interfaces;  // one configuration, value 1
};

// The 18-byte device descriptor followed by the full configuration descriptor — the layout of the
// sysfs `descriptors` attribute libusb reads.
Bytes build_descriptors(const DeviceSpec& spec);
// The configuration descriptor alone (what GET_DESCRIPTOR(CONFIGURATION) returns).
Bytes build_config_descriptor(const DeviceSpec& spec);

std::string to_hex(std::span<const std::uint8_t> bytes);  // upper-case, no separators

}  // namespace classbook::test::usb
