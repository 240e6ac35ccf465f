// usb_error: libusb failures in words a person can act on.
#pragma once

#include <string>

namespace classbook::drivers::usb {

// "LIBUSB_ERROR_ACCESS: no permission — install firmware-config/udev rule..." for a libusb_error.
std::string usb_error_text(int libusb_error);
// "LIBUSB_TRANSFER_STALL (the reader refused the request)" for a libusb_transfer_status.
std::string transfer_status_text(int status);

}  // namespace classbook::drivers::usb
