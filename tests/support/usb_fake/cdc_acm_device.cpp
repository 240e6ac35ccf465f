// cdc_acm_device: an emulated CDC-ACM serial reader.
#include "cdc_acm_device.hpp"

#include <algorithm>

namespace classbook::test::usb {
namespace {

constexpr std::uint8_t comm_class = 0x02, acm_subclass = 0x02, at_protocol = 0x01, data_class = 0x0A;
constexpr std::uint8_t class_out = 0x21, class_in = 0xA1;
constexpr std::uint8_t set_line_coding = 0x20, get_line_coding = 0x21, set_control_line_state = 0x22,
                       send_break = 0x23;
constexpr std::size_t line_coding_size = 7;
constexpr std::uint16_t dtr_bit = 0x01, rts_bit = 0x02;

DeviceSpec cdc_spec(std::uint16_t vid, std::uint16_t pid) {
  InterfaceSpec comm;
  comm.number = CdcAcmDevice::comm_interface;
  comm.cls = comm_class;
  comm.subclass = acm_subclass;
  comm.protocol = at_protocol;
  comm.extra = {0x05, 0x24, 0x00, 0x10, 0x01,   // Header, CDC 1.10
                0x05, 0x24, 0x01, 0x00, 0x01,   // Call Management: data interface 1
                0x04, 0x24, 0x02, 0x02,         // ACM: line coding and serial state
                0x05, 0x24, 0x06, 0x00, 0x01};  // Union: control 0, subordinate 1
  comm.endpoints = {EndpointSpec{CdcAcmDevice::notify_in, transfer_interrupt, 8, 16}};
  InterfaceSpec data;
  data.number = CdcAcmDevice::data_interface;
  data.cls = data_class;
  data.endpoints = {EndpointSpec{CdcAcmDevice::data_out, transfer_bulk, CdcAcmDevice::max_packet, 0},
                    EndpointSpec{CdcAcmDevice::data_in, transfer_bulk, CdcAcmDevice::max_packet, 0}};
  DeviceSpec d;
  d.vendor_id = vid;
  d.product_id = pid;
  d.cls = comm_class;
  d.interfaces = {comm, data};
  return d;
}

}  // namespace

CdcAcmDevice::CdcAcmDevice(std::uint16_t vendor_id, std::uint16_t product_id)
    : FakeUsbDevice(cdc_spec(vendor_id, product_id)) {}

bool CdcAcmDevice::send(std::span<const std::uint8_t> bytes, std::size_t chunk) {
  std::lock_guard lock(mutex_);
  if (!(line_state_ & dtr_bit)) return false;
  chunk = std::clamp<std::size_t>(chunk, 1, max_packet);
  for (std::size_t at = 0; at < bytes.size(); at += chunk) {
    const auto piece = bytes.subspan(at, std::min(chunk, bytes.size() - at));
    queue_in_locked(data_in, Bytes(piece.begin(), piece.end()));
  }
  return true;
}

std::optional<LineCoding> CdcAcmDevice::line_coding() const {
  std::lock_guard lock(mutex_);
  return line_coding_;
}
bool CdcAcmDevice::dtr() const {
  std::lock_guard lock(mutex_);
  return line_state_ & dtr_bit;
}
bool CdcAcmDevice::rts() const {
  std::lock_guard lock(mutex_);
  return line_state_ & rts_bit;
}

std::string CdcAcmDevice::kernel_driver(int) const { return "cdc_acm"; }

void CdcAcmDevice::on_plugged() {
  line_coding_.reset();
  line_state_ = 0;
}

ControlReply CdcAcmDevice::on_control(const SetupPacket& setup, std::span<const std::uint8_t> out) {
  if (setup.request_type == class_out && setup.request == set_line_coding) {
    if (out.size() < line_coding_size) return ControlReply{true, {}};
    line_coding_ = LineCoding{static_cast<std::uint32_t>(out[0] | out[1] << 8 | out[2] << 16 | out[3] << 24),
                              out[4], out[5], out[6]};
    return {};
  }
  if (setup.request_type == class_in && setup.request == get_line_coding) {
    const LineCoding c = line_coding_.value_or(LineCoding{9600, 0, 0, 8});
    return ControlReply{false,
                        {static_cast<std::uint8_t>(c.baud), static_cast<std::uint8_t>(c.baud >> 8),
                         static_cast<std::uint8_t>(c.baud >> 16), static_cast<std::uint8_t>(c.baud >> 24), c.stop_bits,
                         c.parity, c.data_bits}};
  }
  if (setup.request_type == class_out && setup.request == set_control_line_state) {
    line_state_ = setup.value;
    return {};
  }
  if (setup.request_type == class_out && setup.request == send_break) return {};
  return standard_control(setup);
}

}  // namespace classbook::test::usb
