// usb_driver: the driver for a profile, and what the drivers share.
#include "drivers/usb/usb_driver.hpp"

#include "classbook/common/log.hpp"
#include "drivers/usb/ccid_reader.hpp"
#include "drivers/usb/cdc_acm_reader.hpp"
#include "drivers/usb/hid_wedge_reader.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {

std::unique_ptr<UsbDriver> make_driver(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host) {
  switch (profile.driver) {
    case DriverKind::hid_wedge: return std::make_unique<HidWedgeReader>(profile, handle, host);
    case DriverKind::ccid: return std::make_unique<CcidReader>(profile, handle, host);
    case DriverKind::cdc_acm: return std::make_unique<CdcAcmReader>(profile, handle, host);
  }
  return nullptr;
}

void deliver_text(const ReaderProfile& profile, DriverHost& host, const std::string& text) {
  if (profile.reads == ReadKind::code) return host.on_code(profile.code_format, text);
  auto card = card_from_text(text, profile.uid);
  if (!card) return log::warn("usb", host.name() + ": ignored a read: " + card.error().message);
  host.on_card(*card);
}

UsbFault transfer_fault(libusb_transfer_status status, const std::string& doing) {
  if (status == LIBUSB_TRANSFER_NO_DEVICE) return UsbFault{true, "unplugged"};
  return UsbFault{false, doing + ": " + transfer_status_text(status)};
}

}  // namespace classbook::drivers::usb
