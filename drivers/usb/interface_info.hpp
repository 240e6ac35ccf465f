// interface_info: what a driver needs to know about one interface of the active configuration —
// its class, its endpoints, its class-specific descriptors — copied out of libusb's descriptors.
#pragma once

#include <libusb.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::drivers::usb {

struct EndpointInfo {
  std::uint8_t address = 0;
  std::uint8_t transfer = 0;  // LIBUSB_TRANSFER_TYPE_BULK / _INTERRUPT
  std::uint16_t max_packet = 0;
  bool in() const { return address & LIBUSB_ENDPOINT_IN; }
};

struct InterfaceInfo {
  int number = 0;
  std::uint8_t cls = 0, subclass = 0, protocol = 0;
  std::vector<EndpointInfo> endpoints;
  std::vector<std::uint8_t> extra;  // class-specific descriptors (HID, CCID, CDC functional)

  // The first endpoint of this transfer type and direction.
  std::optional<EndpointInfo> find(std::uint8_t transfer, bool in) const;
};

// Interface `number` (alternate setting 0) of the device's active configuration. The error names
// what is missing, e.g. when a profile names an interface the device does not have.
Result<InterfaceInfo> describe_interface(libusb_device* device, int number);

// The CDC Union functional descriptor's first subordinate (the data interface), if `comm` has one.
std::optional<int> cdc_union_data_interface(const InterfaceInfo& comm);

}  // namespace classbook::drivers::usb
