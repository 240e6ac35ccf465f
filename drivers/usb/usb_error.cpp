// usb_error: libusb failures in words a person can act on.
#include "drivers/usb/usb_error.hpp"

#include <libusb.h>

namespace classbook::drivers::usb {

std::string usb_error_text(int e) {
  const std::string name = libusb_error_name(e);
  switch (e) {
    case LIBUSB_ERROR_ACCESS:
      return name + ": no permission to use the device — install the udev rule from firmware-config/ and replug it";
    case LIBUSB_ERROR_BUSY:
      return name + ": another program holds the device (pcscd? stop it: systemctl disable --now pcscd.socket pcscd)";
    case LIBUSB_ERROR_NO_DEVICE:
      return name + ": the device was unplugged";
    case LIBUSB_ERROR_TIMEOUT:
      return name + ": the device did not answer in time";
    case LIBUSB_ERROR_PIPE:
      return name + ": the device refused the request (endpoint stalled)";
    case LIBUSB_ERROR_IO:
      return name + ": input/output error on the USB bus (cable, hub or power?)";
    default:
      return name + ": " + libusb_strerror(e);
  }
}

std::string transfer_status_text(int status) {
  switch (status) {
    case LIBUSB_TRANSFER_COMPLETED: return "completed";
    case LIBUSB_TRANSFER_ERROR: return "LIBUSB_TRANSFER_ERROR (error on the USB bus: cable, hub or power?)";
    case LIBUSB_TRANSFER_TIMED_OUT: return "LIBUSB_TRANSFER_TIMED_OUT (the device did not answer in time)";
    case LIBUSB_TRANSFER_CANCELLED: return "LIBUSB_TRANSFER_CANCELLED";
    case LIBUSB_TRANSFER_STALL: return "LIBUSB_TRANSFER_STALL (the device refused the request)";
    case LIBUSB_TRANSFER_NO_DEVICE: return "LIBUSB_TRANSFER_NO_DEVICE (unplugged)";
    case LIBUSB_TRANSFER_OVERFLOW: return "LIBUSB_TRANSFER_OVERFLOW (the device sent more than asked for)";
    default: return "transfer status " + std::to_string(status);
  }
}

}  // namespace classbook::drivers::usb
