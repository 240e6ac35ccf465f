// hid_keyboard_device: an emulated keyboard-wedge reader (USB HID boot keyboard).
#include "hid_keyboard_device.hpp"

#include <stdexcept>

namespace classbook::test::usb {
namespace {

constexpr std::uint8_t hid_class = 0x03, boot_subclass = 0x01, keyboard_protocol = 0x01;
constexpr std::uint8_t left_shift = 0x02;
constexpr std::uint8_t class_out_to_interface = 0x21, standard_in_from_interface = 0x81;
constexpr std::uint8_t request_get_descriptor = 0x06;
constexpr std::uint8_t hid_set_idle = 0x0A, hid_set_protocol = 0x0B, hid_set_report = 0x09;
constexpr std::uint8_t report_descriptor_type = 0x22;

// The HID 1.11 Appendix B.1 boot keyboard report descriptor.
const Bytes boot_keyboard_report_descriptor = {
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01,
    0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01, 0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01,
    0x29, 0x05, 0x91, 0x02, 0x95, 0x01, 0x75, 0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65,
    0x05, 0x07, 0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0};

DeviceSpec keyboard_spec(std::uint16_t vid, std::uint16_t pid) {
  const auto length = static_cast<std::uint8_t>(boot_keyboard_report_descriptor.size());
  InterfaceSpec i;
  i.number = 0;
  i.cls = hid_class;
  i.subclass = boot_subclass;
  i.protocol = keyboard_protocol;
  i.extra = {9, 0x21, 0x11, 0x01, 0x00, 0x01, report_descriptor_type, length, 0x00};  // HID 1.11 descriptor
  i.endpoints = {EndpointSpec{HidKeyboardDevice::report_endpoint, transfer_interrupt, 8, 10}};
  DeviceSpec d;
  d.vendor_id = vid;
  d.product_id = pid;
  d.interfaces = {i};
  return d;
}

// US layout: the usage id and whether Shift is held (HID Usage Tables, keyboard page 0x07).
struct Key {
  std::uint8_t usage;
  bool shift;
};

Key key_for(char c) {
  if (c >= 'a' && c <= 'z') return {static_cast<std::uint8_t>(0x04 + (c - 'a')), false};
  if (c >= 'A' && c <= 'Z') return {static_cast<std::uint8_t>(0x04 + (c - 'A')), true};
  if (c >= '1' && c <= '9') return {static_cast<std::uint8_t>(0x1E + (c - '1')), false};
  switch (c) {
    case '0': return {0x27, false};
    case '\n': return {0x28, false};
    case '\t': return {0x2B, false};
    case ' ': return {0x2C, false};
    case '-': return {0x2D, false};
    case ',': return {0x36, false};
    case '.': return {0x37, false};
    case '/': return {0x38, false};
    case ':': return {0x33, true};
    default: throw std::invalid_argument(std::string("HidKeyboardDevice cannot type '") + c + "'");
  }
}

}  // namespace

HidKeyboardDevice::HidKeyboardDevice(std::uint16_t vendor_id, std::uint16_t product_id)
    : FakeUsbDevice(keyboard_spec(vendor_id, product_id)) {}

void HidKeyboardDevice::type(std::string_view text) {
  std::vector<Report> reports;
  for (char c : text) {
    const Key k = key_for(c);
    reports.push_back(Report{static_cast<std::uint8_t>(k.shift ? left_shift : 0), 0, k.usage, 0, 0, 0, 0, 0});
    reports.push_back(Report{});
  }
  std::lock_guard lock(mutex_);
  for (const Report& r : reports) queue_in_locked(report_endpoint, Bytes(r.begin(), r.end()));
}

void HidKeyboardDevice::send_report(const Report& report) {
  std::lock_guard lock(mutex_);
  queue_in_locked(report_endpoint, Bytes(report.begin(), report.end()));
}

bool HidKeyboardDevice::boot_protocol_set() const {
  std::lock_guard lock(mutex_);
  return boot_protocol_;
}

int HidKeyboardDevice::idle_rate_requests() const {
  std::lock_guard lock(mutex_);
  return set_idle_;
}

std::string HidKeyboardDevice::kernel_driver(int interface) const { return interface == 0 ? "usbhid" : ""; }

ControlReply HidKeyboardDevice::on_control(const SetupPacket& setup, std::span<const std::uint8_t> out) {
  if (setup.request_type == class_out_to_interface) {
    switch (setup.request) {
      case hid_set_protocol:
        boot_protocol_ = setup.value == 0;
        return {};
      case hid_set_idle:
        ++set_idle_;
        return {};
      case hid_set_report:  // keyboard LEDs: accepted, nothing to show
        (void)out;
        return {};
      default:
        return ControlReply{true, {}};
    }
  }
  if (setup.request_type == standard_in_from_interface && setup.request == request_get_descriptor &&
      setup.value >> 8 == report_descriptor_type)
    return ControlReply{false, boot_keyboard_report_descriptor};
  return standard_control(setup);
}

}  // namespace classbook::test::usb
