// usb_testbed: one in-process umockdev testbed on which emulated USB devices come and go.
#include "usb_testbed.hpp"

#include <umockdev.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace classbook::test::usb {
namespace {

constexpr int bus = 1;
constexpr int full_speed_mbps = 12;
constexpr auto poll_step = std::chrono::milliseconds(5);

std::atomic<bool> testbed_exists{false};

}  // namespace

struct UsbTestbed::Plug {
  std::shared_ptr<FakeUsbDevice> device;
  int port = 0;
  int address = 0;
  std::uint64_t generation = 0;
  bool plugged = false;

  std::string syspath() const { return "/sys/devices/pci0000:00/usb1/" + location(); }
  std::string location() const { return std::to_string(bus) + "-" + std::to_string(port); }
  std::string devnode() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "/dev/bus/usb/%03d/%03d", bus, address);
    return buf;
  }
};

namespace {

struct IoctlRoute {
  FakeUsbDevice* device;
  std::uint64_t generation;
};

}  // namespace

UsbTestbed::UsbTestbed() {
  if (testbed_exists.exchange(true)) throw std::logic_error("one UsbTestbed per process: UMOCKDEV_DIR is process-wide");
  testbed_ = umockdev_testbed_new();
}

UsbTestbed::~UsbTestbed() {
  for (auto& p : plugs_)
    if (p->plugged) p->device->disconnect();
  for (_UMockdevIoctlBase* h : handlers_) g_object_unref(h);
  g_object_unref(testbed_);
  testbed_exists = false;
}

bool UsbTestbed::preload_active() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload && std::strstr(preload, "libumockdev-preload");
}

UsbTestbed::Plug* UsbTestbed::find(const FakeUsbDevice& device) const {
  for (const auto& p : plugs_)
    if (p->device.get() == &device) return p.get();
  return nullptr;
}

std::string UsbTestbed::plug(std::shared_ptr<FakeUsbDevice> device, int port) {
  if (find(*device)) throw std::logic_error("device already plugged; use replug()");
  auto p = std::make_unique<Plug>();
  p->device = std::move(device);
  p->port = port > 0 ? port : next_port_;
  next_port_ = std::max(next_port_, p->port + 1);
  plugs_.push_back(std::move(p));
  attach(*plugs_.back());
  return plugs_.back()->location();
}

void UsbTestbed::replug(FakeUsbDevice& device) {
  Plug* p = find(device);
  if (!p) throw std::logic_error("replug(): the device was never plugged");
  if (p->plugged) throw std::logic_error("replug(): the device is still plugged");
  attach(*p);
}

void UsbTestbed::attach(Plug& p) {
  p.address = next_address_++;
  p.generation = next_generation_++;
  p.device->connect(p.generation);

  // The handler goes on the node before the device appears, so an open right after "add" works.
  UMockdevIoctlBase* handler = umockdev_ioctl_base_new();
  auto* route = new IoctlRoute{p.device.get(), p.generation};
  g_signal_connect_data(
      handler, "handle-ioctl",
      G_CALLBACK(+[](UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer data) -> gboolean {
        auto* r = static_cast<IoctlRoute*>(data);
        return r->device->handle_ioctl(client, r->generation);
      }),
      route, +[](gpointer data, GClosure*) { delete static_cast<IoctlRoute*>(data); }, GConnectFlags{});
  handlers_.push_back(handler);
  GError* error = nullptr;
  if (!umockdev_testbed_attach_ioctl(testbed_, p.devnode().c_str(), handler, &error)) {
    std::string message = error ? error->message : "unknown error";
    g_clear_error(&error);
    throw std::runtime_error("umockdev_testbed_attach_ioctl(" + p.devnode() + "): " + message);
  }

  const std::string hex = to_hex(p.device->descriptors());
  char* record = g_strdup_printf(
      "P: /devices/pci0000:00/usb1/%s\n"
      "N: bus/usb/%03d/%03d\n"
      "E: SUBSYSTEM=usb\n"
      "E: DEVTYPE=usb_device\n"
      "E: DEVNAME=%s\n"
      "A: busnum=%d\\n\n"
      "A: devnum=%d\\n\n"
      "A: speed=%d\\n\n"
      "A: bConfigurationValue=1\\n\n"
      "H: descriptors=%s\n",
      p.location().c_str(), bus, p.address, p.devnode().c_str(), bus, p.address, full_speed_mbps, hex.c_str());
  const gboolean added = umockdev_testbed_add_from_string(testbed_, record, &error);
  g_free(record);
  if (!added) {
    std::string message = error ? error->message : "unknown error";
    g_clear_error(&error);
    throw std::runtime_error("umockdev_testbed_add_from_string: " + message);
  }
  p.plugged = true;
  umockdev_testbed_uevent(testbed_, p.syspath().c_str(), "add");
}

void UsbTestbed::unplug(FakeUsbDevice& device) {
  Plug* p = find(device);
  if (!p || !p->plugged) throw std::logic_error("unplug(): the device is not plugged");
  p->device->disconnect();
  p->plugged = false;
  umockdev_testbed_uevent(testbed_, p->syspath().c_str(), "remove");
  // Gone from sysfs too, so a fresh enumeration (a rescan, a new libusb context) does not find it.
  umockdev_testbed_remove_device(testbed_, p->syspath().c_str());
}

std::string UsbTestbed::location(const FakeUsbDevice& device) const {
  const Plug* p = find(device);
  return p ? p->location() : std::string();
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(poll_step);
  }
  return true;
}

}  // namespace classbook::test::usb

#if defined(__SANITIZE_ADDRESS__)
// Under umockdev-wrapper the preload library comes before ASan's runtime, which ASan refuses unless
// told not to check. Built into the kit (this file is linked by every user of UsbTestbed) rather than
// set in the environment, so test discovery at build time and a test runner that sets its own
// ASAN_OPTIONS both work: options from the environment are applied after these defaults.
extern "C" const char* __asan_default_options() { return "verify_asan_link_order=0"; }
#endif
