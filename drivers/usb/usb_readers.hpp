// usb_readers: every USB card reader and wedge scanner the loaded profiles know, as one CardSource —
// found at start and on hotplug, opened with the right driver, reopened with back-off when failing,
// absent while unplugged and back by itself when plugged in again. One libusb context, one thread.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "classbook/common/clock.hpp"
#include "drivers/card/reader_profile.hpp"
#include "drivers/reader.hpp"

namespace classbook::drivers::usb {

inline constexpr std::chrono::milliseconds default_first_retry{500};
inline constexpr std::chrono::milliseconds default_max_retry{30'000};
inline constexpr std::chrono::milliseconds default_rescan_interval{5'000};
inline constexpr std::chrono::milliseconds default_max_wait{100};
inline constexpr std::chrono::milliseconds shutdown_timeout{2'000};
// The shortest turn of the event loop. libusb waits in poll(); an fd that is always ready (a device
// in a bad state, or umockdev's emulated nodes) would otherwise spin a core.
inline constexpr std::chrono::milliseconds min_loop_period{2};

struct UsbReadersOptions {
  std::chrono::milliseconds first_retry = default_first_retry;  // then doubling ...
  std::chrono::milliseconds max_retry = default_max_retry;      // ... up to this
  // A full device scan even with hotplug, in case an event was missed (and the only way to notice
  // devices where libusb has no hotplug).
  std::chrono::milliseconds rescan_interval = default_rescan_interval;
  // The longest the event thread sleeps before looking at its timers (retries on the injected clock).
  std::chrono::milliseconds max_wait = default_max_wait;
  bool hotplug = true;  // use libusb hotplug where the platform has it
};

class UsbReaders final : public CardSource {
 public:
  UsbReaders(std::vector<ReaderProfile> profiles, const Clock& clock, UsbReadersOptions options = {});
  ~UsbReaders() override;  // stops

  Status start(ReaderSink& sink) override;
  void stop() override;
  void feedback(const std::string& reader, Feedback f) override;

 private:
  struct Loop;
  std::mutex mutex_;  // guards loop_ between start/stop and feedback from other threads
  std::vector<ReaderProfile> profiles_;
  const Clock& clock_;
  UsbReadersOptions options_;
  std::unique_ptr<Loop> loop_;
};

}  // namespace classbook::drivers::usb
