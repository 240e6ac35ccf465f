// usb_claim: the one place that takes an interface from the kernel driver holding it (usbhid,
// cdc_acm) and claims it for the kiosk.
#pragma once

#include <libusb.h>

#include "classbook/common/result.hpp"

namespace classbook::drivers::usb {

// Detaches whatever kernel driver holds `interface` and claims it. With auto-detach (Linux) the
// kernel driver gets the interface back on release; elsewhere a bound driver is detached by hand.
// The error says what to do (another program holds it, permissions, unplugged).
Status claim_interface(libusb_device_handle* handle, int interface);

}  // namespace classbook::drivers::usb
