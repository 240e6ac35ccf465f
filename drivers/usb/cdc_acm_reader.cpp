// cdc_acm_reader: CDC-ACM serial readers through libusb (docs/kiosk-research.md §5).
#include "drivers/usb/cdc_acm_reader.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"
#include "drivers/usb/usb_claim.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {
namespace {

constexpr std::uint8_t class_to_interface = 0x21;  // host-to-device, class, interface
constexpr std::uint8_t set_line_coding = 0x20, set_control_line_state = 0x22;
constexpr std::uint16_t dtr_and_rts = 0x0003;  // some modules stay silent without DTR
constexpr std::uint8_t one_stop_bit = 0, no_parity = 0, eight_data_bits = 8;

}  // namespace

CdcAcmReader::CdcAcmReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host)
    : profile_(profile), handle_(handle), host_(host) {}

Status CdcAcmReader::open() {
  libusb_device* device = libusb_get_device(handle_);
  auto comm = describe_interface(device, profile_.interface);
  if (!comm) return comm.error();
  comm_ = comm->number;
  data_ = cdc_union_data_interface(*comm).value_or(comm_ + 1);
  auto data = describe_interface(device, data_);
  if (!data) return data.error();
  const auto in = data->find(LIBUSB_TRANSFER_TYPE_BULK, true);
  if (!in)
    return make_error(Errc::invalid_input, "usb.interface_mismatch", "data interface " + std::to_string(data_) +
                                               " has no bulk IN endpoint — is " + profile_.file +
                                               " the right profile for this device?");
  in_ = *in;
  if (auto s = claim_both(); !s) return s;
  if (auto s = set_line(); !s) return s;
  for (int i = 0; i < cdc_transfers_in_flight; ++i) {
    transfers_.push_back(std::make_unique<UsbTransfer>(std::max<std::size_t>(in_.max_packet, 1)));
    if (const int r = submit(*transfers_.back()); r != 0)
      return make_error(Errc::unavailable, "usb.transfer_failed", "starting to read serial data failed: " + usb_error_text(r));
  }
  return ok_status();
}

Status CdcAcmReader::claim_both() {
  // cdc_acm binds both interfaces: both must be taken from it.
  for (int interface : {comm_, data_}) {
    if (auto s = claim_interface(handle_, interface); !s) return s;
    claimed_.push_back(interface);
  }
  return ok_status();
}

Status CdcAcmReader::set_line() {
  const auto baud = static_cast<std::uint32_t>(profile_.baud);
  std::uint8_t coding[7] = {static_cast<std::uint8_t>(baud),       static_cast<std::uint8_t>(baud >> 8),
                            static_cast<std::uint8_t>(baud >> 16), static_cast<std::uint8_t>(baud >> 24),
                            one_stop_bit,                          no_parity,
                            eight_data_bits};
  const auto index = static_cast<std::uint16_t>(comm_);
  int r = libusb_control_transfer(handle_, class_to_interface, set_line_coding, 0, index, coding, sizeof coding,
                                  control_timeout_ms);
  if (r < 0) return make_error(Errc::unavailable, "usb.transfer_failed", "setting " + std::to_string(baud) + " 8N1 failed: " + usb_error_text(r));
  r = libusb_control_transfer(handle_, class_to_interface, set_control_line_state, dtr_and_rts, index, nullptr, 0,
                              control_timeout_ms);
  if (r < 0) return make_error(Errc::unavailable, "usb.transfer_failed", "raising DTR/RTS failed: " + usb_error_text(r));
  return ok_status();
}

int CdcAcmReader::submit(UsbTransfer& t) {
  return t.submit_in(handle_, in_.address, LIBUSB_TRANSFER_TYPE_BULK, 0, [this](UsbTransfer& done) { on_data(done); });
}

void CdcAcmReader::on_data(UsbTransfer& t) {
  if (t.status() == LIBUSB_TRANSFER_CANCELLED && cancelled_) return;
  if (t.status() != LIBUSB_TRANSFER_COMPLETED) return host_.on_fault(transfer_fault(t.status(), "reading serial data"));
  host_.on_alive();
  const auto bad_before = parser_.bad_frames();
  for (const SerialFrame& frame : parser_.feed(t.data())) deliver_text(profile_, host_, frame.data_hex);
  if (parser_.bad_frames() > bad_before)
    log::warn("usb", host_.name() + ": dropped a garbled serial frame (" + std::to_string(parser_.bad_frames()) +
                         " so far): a bad checksum or length");
  if (cancelled_) return;
  if (const int r = submit(t); r != 0)
    host_.on_fault(UsbFault{r == LIBUSB_ERROR_NO_DEVICE, "reading serial data: " + usb_error_text(r)});
}

void CdcAcmReader::cancel() {
  cancelled_ = true;
  for (auto& t : transfers_) t->cancel();
}

bool CdcAcmReader::idle() const {
  return std::none_of(transfers_.begin(), transfers_.end(), [](const auto& t) { return t->in_flight(); });
}

void CdcAcmReader::release() {
  for (int interface : claimed_) libusb_release_interface(handle_, interface);
  claimed_.clear();
}

}  // namespace classbook::drivers::usb
