// usb_testbed: one in-process umockdev testbed (one per process: it sets UMOCKDEV_DIR) on which
// emulated USB devices are plugged, unplugged and plugged back, as libusb sees them through udev.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fake_usb_device.hpp"

struct _UMockdevTestbed;
struct _UMockdevIoctlBase;

namespace classbook::test::usb {

// Exit code a test binary returns when it cannot run (CTest SKIP_RETURN_CODE).
inline constexpr int skip_exit_code = 77;

class UsbTestbed {
 public:
  UsbTestbed();   // throws std::logic_error when one already exists in this process
  ~UsbTestbed();  // call after the code under test closed libusb (libusb_exit)
  UsbTestbed(const UsbTestbed&) = delete;
  UsbTestbed& operator=(const UsbTestbed&) = delete;

  // True when the process runs under umockdev-wrapper (LD_PRELOAD has libumockdev-preload); without
  // it libusb sees the machine's real /sys and nothing here works. Do not use
  // umockdev_in_mock_environment(): it says false until a testbed exists.
  static bool preload_active();

  // Plugs `device` into `port` of bus 1 (0: the next free port) with a fresh device address and
  // sends the "add" uevent; libusb's hotplug sees it arrive. Returns the location, e.g. "1-2".
  std::string plug(std::shared_ptr<FakeUsbDevice> device, int port = 0);
  // Pulls it out: URBs in flight complete with ENODEV, new ioctls fail with ENODEV, "remove" uevent.
  void unplug(FakeUsbDevice& device);
  // Plugs an unplugged device back into the same port (with a new address, as the kernel does).
  void replug(FakeUsbDevice& device);
  std::string location(const FakeUsbDevice& device) const;  // "1-2"; "" when never plugged

 private:
  struct Plug;
  Plug* find(const FakeUsbDevice& device) const;
  void attach(Plug& plug);

  _UMockdevTestbed* testbed_ = nullptr;
  std::vector<std::unique_ptr<Plug>> plugs_;
  std::vector<_UMockdevIoctlBase*> handlers_;  // one per plug-in; kept until the testbed goes
  int next_port_ = 1;
  int next_address_ = 2;  // 1 is the root hub
  std::uint64_t next_generation_ = 1;
};

// Polls `condition` every few milliseconds until it holds or `timeout` passes; for tests that wait
// on another thread (libusb's event thread, umockdev's worker). Returns the last result.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

}  // namespace classbook::test::usb
