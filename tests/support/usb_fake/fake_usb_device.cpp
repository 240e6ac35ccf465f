// fake_usb_device: the test-facing half — faults, records, standard requests and model defaults.
#include "fake_usb_device.hpp"

#include <algorithm>
#include <cerrno>

namespace classbook::test::usb {
namespace {

constexpr std::uint8_t request_get_descriptor = 0x06;
constexpr std::uint8_t descriptor_device = 0x01;
constexpr std::uint8_t descriptor_config = 0x02;
constexpr std::size_t device_descriptor_size = 18;

}  // namespace

int FakeUsbDevice::status_of(UrbError e) {
  switch (e) {
    case UrbError::stall: return -EPIPE;
    case UrbError::overflow: return -EOVERFLOW;
    case UrbError::io: break;
  }
  return -EPROTO;  // what a CRC or bit-stuffing error on the wire gives
}

FakeUsbDevice::FakeUsbDevice(DeviceSpec spec) : spec_(std::move(spec)) {}
FakeUsbDevice::~FakeUsbDevice() = default;

void FakeUsbDevice::fail_nth_urb(int n, UrbError error) {
  std::lock_guard lock(mutex_);
  nth_countdown_ = n;
  nth_error_ = error;
}

void FakeUsbDevice::fail_endpoint(std::uint8_t endpoint, UrbError error, int times) {
  std::lock_guard lock(mutex_);
  if (times == 0) return;
  endpoint_faults_[endpoint] = EndpointFault{error, times};
  fail_waiting_locked(endpoint, status_of(error));
}

void FakeUsbDevice::hang_endpoint(std::uint8_t endpoint, bool hang) {
  std::lock_guard lock(mutex_);
  if (hang) {
    hung_.insert(endpoint);
  } else {
    hung_.erase(endpoint);
    for (Urb& u : waiting_)
      if (u.endpoint == endpoint) u.hung = false;
    match_in_locked(endpoint);
  }
}

void FakeUsbDevice::heal_on_reset(bool heal) {
  std::lock_guard lock(mutex_);
  heal_on_reset_ = heal;
}

void FakeUsbDevice::clear_faults() {
  std::lock_guard lock(mutex_);
  endpoint_faults_.clear();
  nth_countdown_ = 0;
  hung_.clear();
  for (Urb& u : waiting_) u.hung = false;
  for (const auto& [endpoint, queue] : queued_in_) match_in_locked(endpoint);
}

bool FakeUsbDevice::plugged() const {
  std::lock_guard lock(mutex_);
  return connected_;
}
int FakeUsbDevice::resets() const {
  std::lock_guard lock(mutex_);
  return resets_;
}
int FakeUsbDevice::kernel_driver_detaches() const {
  std::lock_guard lock(mutex_);
  return detaches_;
}
bool FakeUsbDevice::kernel_driver_bound(int interface) const {
  std::lock_guard lock(mutex_);
  return bound_.count(interface) > 0;
}
bool FakeUsbDevice::claimed(int interface) const {
  std::lock_guard lock(mutex_);
  return claimed_.count(interface) > 0;
}
int FakeUsbDevice::urbs_submitted() const {
  std::lock_guard lock(mutex_);
  return submitted_;
}
int FakeUsbDevice::urbs_waiting() const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(waiting_.size());
}
std::size_t FakeUsbDevice::queued_in(std::uint8_t endpoint) const {
  std::lock_guard lock(mutex_);
  const auto it = queued_in_.find(endpoint);
  return it == queued_in_.end() ? 0 : it->second.size();
}
bool FakeUsbDevice::drained(std::uint8_t endpoint) const {
  std::lock_guard lock(mutex_);
  const auto it = queued_in_.find(endpoint);
  if (it != queued_in_.end() && !it->second.empty()) return false;
  return done_.empty() && std::any_of(waiting_.begin(), waiting_.end(), [&](const Urb& u) { return u.endpoint == endpoint; });
}
std::vector<ControlRecord> FakeUsbDevice::control_log() const {
  std::lock_guard lock(mutex_);
  return control_log_;
}

std::string FakeUsbDevice::kernel_driver(int) const { return {}; }

ControlReply FakeUsbDevice::on_control(const SetupPacket& setup, std::span<const std::uint8_t>) {
  return standard_control(setup);
}

void FakeUsbDevice::on_out(std::uint8_t, std::span<const std::uint8_t>) {}

ControlReply FakeUsbDevice::standard_control(const SetupPacket& setup) const {
  if (setup.request_type != 0x80 || setup.request != request_get_descriptor) return ControlReply{true, {}};
  const Bytes all = build_descriptors(spec_);
  switch (setup.value >> 8) {
    case descriptor_device:
      return ControlReply{false, Bytes(all.begin(), all.begin() + device_descriptor_size)};
    case descriptor_config:
      return ControlReply{false, Bytes(all.begin() + device_descriptor_size, all.end())};
    default:
      return ControlReply{true, {}};
  }
}

bool FakeUsbDevice::valid_interface(int interface) const {
  for (const InterfaceSpec& i : spec_.interfaces)
    if (i.number == interface) return true;
  return false;
}

bool FakeUsbDevice::injected_fault_locked(std::uint8_t endpoint, UrbError& error) {
  if (nth_countdown_ > 0 && --nth_countdown_ == 0) {
    error = nth_error_;
    return true;
  }
  return endpoint_fault_locked(endpoint, error);
}

bool FakeUsbDevice::endpoint_fault_locked(std::uint8_t endpoint, UrbError& error) {
  auto it = endpoint_faults_.find(endpoint);
  if (it == endpoint_faults_.end()) return false;
  error = it->second.error;
  if (it->second.remaining != forever && --it->second.remaining == 0) endpoint_faults_.erase(it);
  return true;
}

void FakeUsbDevice::fail_waiting_locked(std::uint8_t endpoint, int status) {
  std::deque<Urb> keep;
  for (Urb& u : waiting_) {
    UrbError ignored{};
    if (u.endpoint == endpoint && !u.hung && endpoint_fault_locked(endpoint, ignored))
      complete_locked(u, status, {});
    else
      keep.push_back(u);
  }
  waiting_.swap(keep);
}

}  // namespace classbook::test::usb
