// usb_descriptors: USB device and configuration descriptors for emulated devices, built in code.
#include "usb_descriptors.hpp"

namespace classbook::test::usb {
namespace {

constexpr std::uint8_t device_descriptor_type = 0x01;
constexpr std::uint8_t config_descriptor_type = 0x02;
constexpr std::uint8_t interface_descriptor_type = 0x04;
constexpr std::uint8_t endpoint_descriptor_type = 0x05;
constexpr std::uint8_t config_attributes_bus_powered = 0x80;

void put16(Bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
  out.push_back(static_cast<std::uint8_t>(v >> 8));
}

}  // namespace

Bytes build_config_descriptor(const DeviceSpec& spec) {
  Bytes body;
  for (const InterfaceSpec& i : spec.interfaces) {
    body.insert(body.end(), {9, interface_descriptor_type, i.number, 0, static_cast<std::uint8_t>(i.endpoints.size()),
                             i.cls, i.subclass, i.protocol, 0});
    body.insert(body.end(), i.extra.begin(), i.extra.end());
    for (const EndpointSpec& e : i.endpoints) {
      body.insert(body.end(), {7, endpoint_descriptor_type, e.address, e.transfer});
      put16(body, e.max_packet);
      body.push_back(e.interval);
    }
  }
  Bytes out{9, config_descriptor_type};
  put16(out, static_cast<std::uint16_t>(9 + body.size()));
  out.insert(out.end(), {static_cast<std::uint8_t>(spec.interfaces.size()), 1, 0, config_attributes_bus_powered,
                         spec.max_power_2ma});
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes build_descriptors(const DeviceSpec& spec) {
  Bytes out{18, device_descriptor_type};
  put16(out, spec.bcd_usb);
  out.insert(out.end(), {spec.cls, spec.subclass, spec.protocol, spec.max_packet0});
  put16(out, spec.vendor_id);
  put16(out, spec.product_id);
  put16(out, spec.bcd_device);
  out.insert(out.end(), {0, 0, 0, 1});  // no string descriptors; one configuration
  Bytes config = build_config_descriptor(spec);
  out.insert(out.end(), config.begin(), config.end());
  return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string s;
  s.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    s.push_back(digits[b >> 4]);
    s.push_back(digits[b & 0x0F]);
  }
  return s;
}

}  // namespace classbook::test::usb
