// fake_usb_device: the base of every emulated USB device — a URB engine that answers libusb's
// usbdevfs ioctls as the kernel would (docs/kiosk-research.md §1), with records and fault injection.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "usb_descriptors.hpp"

struct _UMockdevIoctlClient;
struct _UMockdevIoctlData;

namespace classbook::test::usb {

struct SetupPacket {
  std::uint8_t request_type = 0, request = 0;
  std::uint16_t value = 0, index = 0, length = 0;
};

// What a device model answers to a control transfer: IN data (cut to wLength) or a stall.
struct ControlReply {
  bool stall = false;
  Bytes data;
};

struct ControlRecord {
  SetupPacket setup;
  Bytes data;  // the OUT data stage
};

// How an injected failure completes a URB (libusb: ERROR, STALL, OVERFLOW).
enum class UrbError { io, stall, overflow };
inline constexpr int forever = -1;

class FakeUsbDevice {
 public:
  explicit FakeUsbDevice(DeviceSpec spec);
  virtual ~FakeUsbDevice();
  FakeUsbDevice(const FakeUsbDevice&) = delete;
  FakeUsbDevice& operator=(const FakeUsbDevice&) = delete;

  const DeviceSpec& spec() const { return spec_; }
  Bytes descriptors() const { return build_descriptors(spec_); }

  // --- Faults; any thread. Endpoint 0 is the control endpoint. ---
  // The n-th URB submitted from now on (1 = the next one) completes with `error`.
  void fail_nth_urb(int n, UrbError error);
  // URBs on `endpoint` fail with `error` (the ones already waiting at once) for `times` URBs.
  void fail_endpoint(std::uint8_t endpoint, UrbError error, int times = forever);
  // URBs on `endpoint` are never answered, so the host's time-out fires (IN data stays queued).
  void hang_endpoint(std::uint8_t endpoint, bool hang);
  // A USB reset (USBDEVFS_RESET) clears the endpoint faults — a device that a reset cures.
  void heal_on_reset(bool heal);
  void clear_faults();

  // --- What the host did; any thread. ---
  bool plugged() const;
  int resets() const;
  int kernel_driver_detaches() const;  // DISCONNECT or DISCONNECT_CLAIM while a driver was bound
  bool kernel_driver_bound(int interface) const;
  bool claimed(int interface) const;
  int urbs_submitted() const;
  int urbs_waiting() const;  // submitted and not yet completed (IN URBs waiting for data)
  std::size_t queued_in(std::uint8_t endpoint) const;  // IN payloads the host has not taken yet
  // Everything queued on `endpoint` was taken and the host is waiting for more: it has handled it.
  bool drained(std::uint8_t endpoint) const;
  std::vector<ControlRecord> control_log() const;

 protected:
  // Model hooks: called on umockdev's worker thread with mutex_ held.
  virtual std::string kernel_driver(int interface) const;  // bound at plug time; "" = none
  virtual ControlReply on_control(const SetupPacket& setup, std::span<const std::uint8_t> out);
  virtual void on_out(std::uint8_t endpoint, std::span<const std::uint8_t> data);
  virtual void on_plugged() {}

  // Queues IN data on `endpoint` (mutex_ held): delivered to IN URBs in order, a payload longer than
  // a URB's buffer over several URBs. Dropped while unplugged.
  void queue_in_locked(std::uint8_t endpoint, Bytes payload);
  // GET_DESCRIPTOR for the device and configuration; stall otherwise.
  ControlReply standard_control(const SetupPacket& setup) const;

  mutable std::mutex mutex_;
  const DeviceSpec spec_;

 private:
  friend class UsbTestbed;
  struct Urb {
    _UMockdevIoctlData* urb = nullptr;     // our reference to the resolved struct usbdevfs_urb
    _UMockdevIoctlData* buffer = nullptr;  // its resolved buffer (a child of urb)
    std::uint8_t endpoint = 0;
    bool hung = false;
  };
  struct EndpointFault {
    UrbError error = UrbError::io;
    int remaining = forever;
  };

  // UsbTestbed's side: a plug is one connection; an ioctl from an older one gets ENODEV.
  void connect(std::uint64_t generation);
  void disconnect();
  bool handle_ioctl(_UMockdevIoctlClient* client, std::uint64_t generation);

  void submit_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg);
  void reap_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg);
  void discard_locked(_UMockdevIoctlClient* client, _UMockdevIoctlData* arg);
  bool injected_fault_locked(std::uint8_t endpoint, UrbError& error);  // the n-th URB or the endpoint's
  bool endpoint_fault_locked(std::uint8_t endpoint, UrbError& error);
  static int status_of(UrbError e);  // the URB status the kernel would give
  void complete_locked(Urb urb, int status, std::span<const std::uint8_t> data, std::size_t offset = 0);
  void fail_waiting_locked(std::uint8_t endpoint, int status);
  void match_in_locked(std::uint8_t endpoint);
  bool valid_interface(int interface) const;

  std::uint64_t generation_ = 0;
  bool connected_ = false;
  std::deque<Urb> waiting_, done_;
  std::map<std::uint8_t, std::deque<Bytes>> queued_in_;
  std::set<int> bound_, claimed_;
  std::map<std::uint8_t, EndpointFault> endpoint_faults_;
  std::set<std::uint8_t> hung_;
  int nth_countdown_ = 0;
  UrbError nth_error_ = UrbError::io;
  bool heal_on_reset_ = false;
  int resets_ = 0, detaches_ = 0, submitted_ = 0;
  std::vector<ControlRecord> control_log_;
};

}  // namespace classbook::test::usb
