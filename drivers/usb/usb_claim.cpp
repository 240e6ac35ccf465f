// usb_claim: detach the kernel driver and claim an interface — kept in one function.
#include "drivers/usb/usb_claim.hpp"

#include <string>

#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {

Status claim_interface(libusb_device_handle* handle, int interface) {
  const std::string which = "interface " + std::to_string(interface);
  if (libusb_set_auto_detach_kernel_driver(handle, 1) == LIBUSB_ERROR_NOT_SUPPORTED &&
      libusb_kernel_driver_active(handle, interface) == 1) {
    const int r = libusb_detach_kernel_driver(handle, interface);
    if (r != 0 && r != LIBUSB_ERROR_NOT_FOUND)
      return make_error(Errc::unavailable, "usb.cannot_claim", "taking " + which + " from the kernel driver failed: " + usb_error_text(r));
  }
  const int r = libusb_claim_interface(handle, interface);
  if (r != 0) return make_error(Errc::unavailable, "usb.cannot_claim", "claiming " + which + " failed: " + usb_error_text(r));
  return ok_status();
}

}  // namespace classbook::drivers::usb
