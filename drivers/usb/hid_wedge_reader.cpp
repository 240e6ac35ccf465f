// hid_wedge_reader: keyboard-wedge readers through libusb (docs/kiosk-research.md §2).
#include "drivers/usb/hid_wedge_reader.hpp"

#include <algorithm>

#include "classbook/common/log.hpp"
#include "drivers/usb/usb_claim.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {
namespace {

constexpr std::uint8_t hid_class = 0x03, boot_subclass = 0x01;
constexpr std::uint8_t class_to_interface = 0x21;  // host-to-device, class, interface
constexpr std::uint8_t hid_set_protocol = 0x0B;
constexpr std::uint16_t boot_protocol = 0;

}  // namespace

HidWedgeReader::HidWedgeReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host)
    : profile_(profile),
      handle_(handle),
      host_(host),
      decoder_(profile.layout, profile.terminator, profile.key_gap) {}

Status HidWedgeReader::open() {
  auto info = describe_interface(libusb_get_device(handle_), profile_.interface);
  if (!info) return info.error();
  const auto endpoint = info->find(LIBUSB_TRANSFER_TYPE_INTERRUPT, true);
  if (info->cls != hid_class || !endpoint)
    return make_error(Errc::invalid_input, "usb.interface_mismatch", "interface " + std::to_string(profile_.interface) +
                                               " is not a HID interface with an interrupt IN endpoint — is " +
                                               profile_.file + " the right profile for this device?");
  endpoint_ = *endpoint;
  // A transfer of exactly one packet: a longer one would gather several reports into one.
  transfer_ = std::make_unique<UsbTransfer>(std::max<std::size_t>(endpoint_.max_packet, 1));
  if (auto s = claim_interface(handle_, profile_.interface); !s) return s;
  claimed_ = true;
  if (info->subclass == boot_subclass) {
    // Boot protocol makes every report the plain 8-byte layout the decoder reads.
    const int r = libusb_control_transfer(handle_, class_to_interface, hid_set_protocol, boot_protocol,
                                          static_cast<std::uint16_t>(profile_.interface), nullptr, 0,
                                          control_timeout_ms);
    if (r == LIBUSB_ERROR_PIPE)
      log::info("usb", host_.name() + ": the reader refuses SET_PROTOCOL; reading its default reports");
    else if (r < 0)
      return make_error(Errc::unavailable, "usb.transfer_failed", "switching to the boot protocol failed: " + usb_error_text(r));
  }
  if (const int r = submit(); r != 0)
    return make_error(Errc::unavailable, "usb.transfer_failed", "starting to read key reports failed: " + usb_error_text(r));
  return ok_status();
}

int HidWedgeReader::submit() {
  return transfer_->submit_in(handle_, endpoint_.address, LIBUSB_TRANSFER_TYPE_INTERRUPT, 0,
                              [this](UsbTransfer& t) { on_report(t); });
}

void HidWedgeReader::on_report(UsbTransfer& t) {
  if (t.status() == LIBUSB_TRANSFER_CANCELLED && cancelled_) return;
  if (t.status() != LIBUSB_TRANSFER_COMPLETED) return host_.on_fault(transfer_fault(t.status(), "reading key reports"));
  host_.on_alive();
  if (auto text = decoder_.feed(t.data(), host_.now())) deliver_text(profile_, host_, *text);
  if (cancelled_) return;
  if (const int r = submit(); r != 0)
    host_.on_fault(UsbFault{r == LIBUSB_ERROR_NO_DEVICE, "reading key reports: " + usb_error_text(r)});
}

void HidWedgeReader::tick(TimePoint now) {
  if (auto text = decoder_.flush(now)) deliver_text(profile_, host_, *text);
}

void HidWedgeReader::cancel() {
  cancelled_ = true;
  if (transfer_) transfer_->cancel();
}

void HidWedgeReader::release() {
  if (claimed_) libusb_release_interface(handle_, profile_.interface);
  claimed_ = false;
}

}  // namespace classbook::drivers::usb
