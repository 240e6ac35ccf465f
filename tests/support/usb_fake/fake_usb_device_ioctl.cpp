// fake_usb_device (URB engine): the usbdevfs ioctls libusb 1.0.26 issues, answered on umockdev's
// worker thread. OUT and control URBs complete at once; IN URBs wait for queued data.
#include <linux/ioctl.h>  // before usbdevice_fs.h
#include <linux/usbdevice_fs.h>
#include <umockdev.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "fake_usb_device.hpp"

namespace classbook::test::usb {
namespace {

constexpr std::size_t setup_size = 8;
constexpr std::uint32_t capabilities = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                       USBDEVFS_CAP_ZERO_PACKET | USBDEVFS_CAP_REAP_AFTER_DISCONNECT;

usbdevfs_urb* urb_of(_UMockdevIoctlData* d) { return reinterpret_cast<usbdevfs_urb*>(d->data); }

SetupPacket parse_setup(const std::uint8_t* b) {
  return SetupPacket{b[0], b[1], static_cast<std::uint16_t>(b[2] | b[3] << 8),
                     static_cast<std::uint16_t>(b[4] | b[5] << 8), static_cast<std::uint16_t>(b[6] | b[7] << 8)};
}

void release(_UMockdevIoctlData* d) {
  if (d) g_object_unref(d);
}

}  // namespace

void FakeUsbDevice::connect(std::uint64_t generation) {
  std::lock_guard lock(mutex_);
  for (Urb& u : done_) {
    release(u.buffer);
    release(u.urb);
  }
  done_.clear();
  generation_ = generation;
  connected_ = true;
  queued_in_.clear();
  claimed_.clear();
  bound_.clear();
  for (const InterfaceSpec& i : spec_.interfaces)
    if (!kernel_driver(i.number).empty()) bound_.insert(i.number);
  on_plugged();
}

void FakeUsbDevice::disconnect() {
  std::lock_guard lock(mutex_);
  connected_ = false;
  std::deque<Urb> waiting;
  waiting.swap(waiting_);
  for (Urb& u : waiting) complete_locked(u, -ENODEV, {});
  queued_in_.clear();
  claimed_.clear();
}

bool FakeUsbDevice::handle_ioctl(_UMockdevIoctlClient* client, std::uint64_t generation) {
  const unsigned long request = umockdev_ioctl_client_get_request(client);
  UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
  std::lock_guard lock(mutex_);
  const bool current = connected_ && generation == generation_;
  if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) {
    // After an unplug the URBs it failed are still handed back, then ENODEV (REAP_AFTER_DISCONNECT).
    if (generation == generation_) {
      reap_locked(client, arg);
    } else {
      umockdev_ioctl_client_complete(client, -1, ENODEV);
    }
    return true;
  }
  if (!current) {
    umockdev_ioctl_client_complete(client, -1, ENODEV);
    return true;
  }
  switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
      UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(std::uint32_t), nullptr);
      std::memcpy(d->data, &capabilities, sizeof capabilities);
      umockdev_ioctl_client_complete(client, 0, 0);
      release(d);
      return true;
    }
    case USBDEVFS_GETDRIVER: {
      UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), nullptr);
      auto* g = reinterpret_cast<usbdevfs_getdriver*>(d->data);
      const int interface = static_cast<int>(g->interface);
      if (bound_.count(interface)) {
        std::snprintf(g->driver, sizeof g->driver, "%s", kernel_driver(interface).c_str());
        umockdev_ioctl_client_complete(client, 0, 0);
      } else {
        umockdev_ioctl_client_complete(client, -1, ENODATA);
      }
      release(d);
      return true;
    }
    case USBDEVFS_DISCONNECT_CLAIM: {
      UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_disconnect_claim), nullptr);
      const int interface = static_cast<int>(reinterpret_cast<usbdevfs_disconnect_claim*>(d->data)->interface);
      if (!valid_interface(interface)) {
        umockdev_ioctl_client_complete(client, -1, EINVAL);
      } else {
        if (bound_.erase(interface)) ++detaches_;
        claimed_.insert(interface);
        umockdev_ioctl_client_complete(client, 0, 0);
      }
      release(d);
      return true;
    }
    case USBDEVFS_IOCTL: {
      UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_ioctl), nullptr);
      const auto* io = reinterpret_cast<usbdevfs_ioctl*>(d->data);
      if (io->ioctl_code == static_cast<int>(USBDEVFS_DISCONNECT)) {
        if (bound_.erase(io->ifno)) {
          ++detaches_;
          umockdev_ioctl_client_complete(client, 0, 0);
        } else {
          umockdev_ioctl_client_complete(client, -1, ENODATA);
        }
      } else if (io->ioctl_code == static_cast<int>(USBDEVFS_CONNECT)) {
        if (!kernel_driver(io->ifno).empty() && !claimed_.count(io->ifno)) bound_.insert(io->ifno);
        umockdev_ioctl_client_complete(client, 0, 0);
      } else {
        umockdev_ioctl_client_complete(client, -1, ENOTTY);
      }
      release(d);
      return true;
    }
    case USBDEVFS_CLAIMINTERFACE:
    case USBDEVFS_RELEASEINTERFACE: {
      UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(unsigned int), nullptr);
      const int interface = static_cast<int>(*reinterpret_cast<unsigned int*>(d->data));
      if (!valid_interface(interface)) {
        umockdev_ioctl_client_complete(client, -1, EINVAL);
      } else if (request == USBDEVFS_RELEASEINTERFACE) {
        claimed_.erase(interface);
        umockdev_ioctl_client_complete(client, 0, 0);
      } else if (bound_.count(interface)) {
        umockdev_ioctl_client_complete(client, -1, EBUSY);  // the kernel driver still has it
      } else {
        claimed_.insert(interface);
        umockdev_ioctl_client_complete(client, 0, 0);
      }
      release(d);
      return true;
    }
    case USBDEVFS_RESET:
      ++resets_;
      if (heal_on_reset_) endpoint_faults_.clear();
      umockdev_ioctl_client_complete(client, 0, 0);
      return true;
    case USBDEVFS_SETINTERFACE:
    case USBDEVFS_SETCONFIGURATION:
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
      umockdev_ioctl_client_complete(client, 0, 0);
      return true;
    case USBDEVFS_SUBMITURB:
      submit_locked(client, arg);
      return true;
    case USBDEVFS_DISCARDURB:
      discard_locked(client, arg);
      return true;
    default:
      std::fprintf(stderr, "usb_fake: unhandled usbdevfs ioctl 0x%lx\n", request);
      umockdev_ioctl_client_complete(client, -1, ENOTTY);
      return true;
  }
}

void FakeUsbDevice::submit_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg) {
  Urb urb;
  urb.urb = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
  usbdevfs_urb* u = urb_of(urb.urb);
  if (u->buffer_length > 0)
    urb.buffer = umockdev_ioctl_data_resolve(urb.urb, G_STRUCT_OFFSET(usbdevfs_urb, buffer),
                                             static_cast<gsize>(u->buffer_length), nullptr);
  urb.endpoint = u->type == USBDEVFS_URB_TYPE_CONTROL ? 0 : u->endpoint;
  ++submitted_;
  umockdev_ioctl_client_complete(client, 0, 0);

  UrbError error{};
  if (injected_fault_locked(urb.endpoint, error)) return complete_locked(urb, status_of(error), {});
  if (hung_.count(urb.endpoint)) {
    urb.hung = true;
    waiting_.push_back(urb);
    return;
  }
  const std::uint8_t* data = urb.buffer ? urb.buffer->data : nullptr;
  const std::size_t length = static_cast<std::size_t>(std::max(u->buffer_length, 0));
  if (u->type == USBDEVFS_URB_TYPE_CONTROL) {
    if (length < setup_size) return complete_locked(urb, -EINVAL, {});
    const SetupPacket setup = parse_setup(data);
    const bool out = !(setup.request_type & 0x80);
    const std::size_t out_length = out ? std::min<std::size_t>(setup.length, length - setup_size) : 0;
    std::span<const std::uint8_t> out_data(data + setup_size, out_length);
    control_log_.push_back(ControlRecord{setup, Bytes(out_data.begin(), out_data.end())});
    ControlReply reply = on_control(setup, out_data);
    if (reply.stall) return complete_locked(urb, -EPIPE, {});
    if (out) return complete_locked(urb, 0, std::span<const std::uint8_t>(data + setup_size, out_length), setup_size);
    reply.data.resize(std::min<std::size_t>(reply.data.size(), setup.length));
    return complete_locked(urb, 0, reply.data, setup_size);
  }
  if (!(urb.endpoint & 0x80)) {
    on_out(urb.endpoint, std::span<const std::uint8_t>(data, length));
    return complete_locked(urb, 0, std::span<const std::uint8_t>(data, length));
  }
  waiting_.push_back(urb);
  match_in_locked(urb.endpoint);
}

void FakeUsbDevice::complete_locked(Urb urb, int status, std::span<const std::uint8_t> data, std::size_t offset) {
  usbdevfs_urb* u = urb_of(urb.urb);
  std::size_t n = 0;
  if (urb.buffer && status == 0) {
    const std::size_t room = static_cast<std::size_t>(urb.buffer->data_len) - std::min<std::size_t>(offset, urb.buffer->data_len);
    n = std::min(room, data.size());
    if (n > 0 && data.data() != urb.buffer->data + offset) std::memmove(urb.buffer->data + offset, data.data(), n);
  }
  u->status = status;
  u->actual_length = static_cast<int>(n);
  done_.push_back(urb);
}

void FakeUsbDevice::match_in_locked(std::uint8_t endpoint) {
  auto queue = queued_in_.find(endpoint);
  while (queue != queued_in_.end() && !queue->second.empty()) {
    auto it = std::find_if(waiting_.begin(), waiting_.end(),
                           [&](const Urb& u) { return u.endpoint == endpoint && !u.hung; });
    if (it == waiting_.end()) return;
    Urb urb = *it;
    waiting_.erase(it);
    Bytes& payload = queue->second.front();
    const std::size_t room = urb.buffer ? static_cast<std::size_t>(urb.buffer->data_len) : 0;
    if (payload.size() > room) {
      Bytes head(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(room));
      payload.erase(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(room));
      complete_locked(urb, 0, head);
    } else {
      complete_locked(urb, 0, payload);
      queue->second.pop_front();
    }
  }
}

void FakeUsbDevice::queue_in_locked(std::uint8_t endpoint, Bytes payload) {
  if (!connected_) return;
  queued_in_[endpoint].push_back(std::move(payload));
  match_in_locked(endpoint);
}

void FakeUsbDevice::reap_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg) {
  if (done_.empty()) {
    umockdev_ioctl_client_complete(client, -1, connected_ ? EAGAIN : ENODEV);
    return;
  }
  Urb urb = done_.front();
  done_.pop_front();
  UMockdevIoctlData* slot = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), nullptr);
  umockdev_ioctl_data_set_ptr(slot, 0, urb.urb);  // hands the client its own URB pointer back
  umockdev_ioctl_client_complete(client, 0, 0);
  release(slot);
  release(urb.buffer);
  release(urb.urb);
}

void FakeUsbDevice::discard_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg) {
  gulong address = 0;
  std::memcpy(&address, arg->data, sizeof address);
  auto it = std::find_if(waiting_.begin(), waiting_.end(), [&](const Urb& u) { return u.urb->client_addr == address; });
  if (it == waiting_.end()) {
    umockdev_ioctl_client_complete(client, -1, EINVAL);
    return;
  }
  Urb urb = *it;
  waiting_.erase(it);
  complete_locked(urb, -ENOENT, {});
  umockdev_ioctl_client_complete(client, 0, 0);
}

}  // namespace classbook::test::usb
