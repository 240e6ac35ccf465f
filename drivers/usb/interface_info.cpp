// interface_info: one interface of the active configuration, copied out of libusb's descriptors.
#include "drivers/usb/interface_info.hpp"

#include <string>

#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {
namespace {

constexpr std::uint8_t cs_interface = 0x24;  // CDC class-specific interface descriptor
constexpr std::uint8_t cdc_union = 0x06;

}  // namespace

std::optional<EndpointInfo> InterfaceInfo::find(std::uint8_t transfer, bool in) const {
  for (const EndpointInfo& e : endpoints)
    if (e.transfer == transfer && e.in() == in) return e;
  return std::nullopt;
}

Result<InterfaceInfo> describe_interface(libusb_device* device, int number) {
  libusb_config_descriptor* config = nullptr;
  const int r = libusb_get_active_config_descriptor(device, &config);
  if (r != 0) return make_error(Errc::unavailable, "usb.descriptor_unreadable", "reading the configuration descriptor failed: " + usb_error_text(r));
  std::optional<InterfaceInfo> out;
  for (int i = 0; i < config->bNumInterfaces && !out; ++i) {
    const libusb_interface& itf = config->interface[i];
    if (itf.num_altsetting < 1 || itf.altsetting[0].bInterfaceNumber != number) continue;
    const libusb_interface_descriptor& alt = itf.altsetting[0];
    InterfaceInfo info;
    info.number = number;
    info.cls = alt.bInterfaceClass;
    info.subclass = alt.bInterfaceSubClass;
    info.protocol = alt.bInterfaceProtocol;
    if (alt.extra_length > 0) info.extra.assign(alt.extra, alt.extra + alt.extra_length);
    for (int e = 0; e < alt.bNumEndpoints; ++e) {
      const libusb_endpoint_descriptor& ep = alt.endpoint[e];
      info.endpoints.push_back(EndpointInfo{ep.bEndpointAddress,
                                            static_cast<std::uint8_t>(ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK),
                                            ep.wMaxPacketSize});
    }
    out = std::move(info);
  }
  libusb_free_config_descriptor(config);
  if (!out)
    return make_error(Errc::invalid_input, "usb.interface_mismatch", "the device has no interface " + std::to_string(number) +
                                               " — does the reader profile name the right interface?");
  return std::move(*out);
}

std::optional<int> cdc_union_data_interface(const InterfaceInfo& comm) {
  const auto& x = comm.extra;
  for (std::size_t at = 0; at + 2 <= x.size() && x[at] >= 2; at += x[at]) {
    const std::size_t length = x[at];
    if (at + length > x.size()) break;
    if (length >= 5 && x[at + 1] == cs_interface && x[at + 2] == cdc_union) return x[at + 4];
  }
  return std::nullopt;
}

}  // namespace classbook::drivers::usb
