// usb_readers: the libusb context, its one event thread, hotplug and rescans, and a ReaderSlot per
// reader found.
#include "drivers/usb/usb_readers.hpp"

#include <libusb.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "classbook/common/log.hpp"
#include "drivers/usb/reader_slot.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds shutdown_turn{10};
constexpr int max_port_depth = 7;  // USB allows 7 tiers of hubs

// "acr122u" from firmware-config/readers/acr122u.conf; the profile's name made a slug otherwise.
std::string model_key(const ReaderProfile& p) {
  std::string key = std::filesystem::path(p.file).stem().string();
  if (!key.empty()) return key;
  for (char c : p.name) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    else if (!key.empty() && key.back() != '-')
      key.push_back('-');
  }
  return key.empty() ? "reader" : key;
}

// "1-2.3": bus 1, port 3 of the hub on port 2 — stable across replugs into the same socket.
std::string location(libusb_device* d) {
  std::uint8_t ports[max_port_depth];
  const int n = libusb_get_port_numbers(d, ports, max_port_depth);
  std::string s = std::to_string(libusb_get_bus_number(d));
  if (n <= 0) return s + "-address" + std::to_string(libusb_get_device_address(d));
  for (int i = 0; i < n; ++i) s += (i == 0 ? "-" : ".") + std::to_string(ports[i]);
  return s;
}

timeval to_timeval(std::chrono::milliseconds d) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::max(d, std::chrono::milliseconds(0)));
  return timeval{static_cast<time_t>(us.count() / 1'000'000), static_cast<suseconds_t>(us.count() % 1'000'000)};
}

}  // namespace

struct UsbReaders::Loop {
  Loop(const std::vector<ReaderProfile>& profiles, const Clock& clock, const UsbReadersOptions& options,
       ReaderSink& sink, libusb_context* ctx)
      : profiles_(profiles), clock_(clock), options_(options), sink_(sink), ctx_(ctx) {}

  ~Loop() {
    if (thread_.joinable()) {
      stop_ = true;
      libusb_interrupt_event_handler(ctx_);
      thread_.join();
    }
    libusb_exit(ctx_);
  }

  void start() {
    if (options_.hotplug && libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) {
      const auto events = static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED |
                                                            LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT);
      const int r = libusb_hotplug_register_callback(ctx_, events, libusb_hotplug_flag{}, LIBUSB_HOTPLUG_MATCH_ANY,
                                                     LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
                                                     &Loop::on_hotplug, this, &hotplug_);
      if (r == 0)
        has_hotplug_ = true;
      else
        log::warn("usb", "no hotplug events (" + usb_error_text(r) + "); scanning for readers every " +
                             format_delay(options_.rescan_interval));
    }
    thread_ = std::thread([this] { run(); });
  }

  void stop() {
    stop_ = true;
    libusb_interrupt_event_handler(ctx_);
    if (thread_.joinable()) thread_.join();
  }

  void post_feedback(const std::string& reader, Feedback f) {
    {
      std::lock_guard lock(posted_mutex_);
      posted_.emplace_back(reader, f);
    }
    libusb_interrupt_event_handler(ctx_);
  }

 private:
  static int LIBUSB_CALL on_hotplug(libusb_context*, libusb_device* device, libusb_hotplug_event event, void* self) {
    // Runs inside libusb_handle_events on the event thread: only note it; the loop acts on it.
    static_cast<Loop*>(self)->hotplug_events_.emplace_back(libusb_ref_device(device),
                                                           event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED);
    return 0;
  }

  void run() {
    rescan();
    auto next_rescan = SteadyClock::now() + options_.rescan_interval;
    while (!stop_) {
      take_posted();
      take_hotplug();
      if (SteadyClock::now() >= next_rescan) {
        rescan();
        next_rescan = SteadyClock::now() + options_.rescan_interval;
      }
      for (auto& [name, slot] : slots_) slot->tick();
      turn(wait_time());
    }
    shutdown();
  }

  void turn(std::chrono::milliseconds wait) {
    const auto started = SteadyClock::now();
    timeval tv = to_timeval(wait);
    const int r = libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
    if (r != 0 && r != LIBUSB_ERROR_INTERRUPTED) log::warn("usb", "handling USB events failed: " + usb_error_text(r));
    const auto spent = SteadyClock::now() - started;
    if (spent < min_loop_period) std::this_thread::sleep_for(min_loop_period - spent);
  }

  std::chrono::milliseconds wait_time() const {
    auto wait = options_.max_wait;
    const TimePoint now = clock_.now();
    for (const auto& [name, slot] : slots_)
      if (const auto due = slot->next_deadline())
        wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*due - now),
                          std::chrono::milliseconds(0), wait);
    return wait;
  }

  void take_posted() {
    std::vector<std::pair<std::string, Feedback>> posted;
    {
      std::lock_guard lock(posted_mutex_);
      posted.swap(posted_);
    }
    for (const auto& [reader, f] : posted) {
      const auto it = slots_.find(reader);
      if (it != slots_.end())
        it->second->feedback(f);
      else
        log::write(log::Level::debug, "usb", "feedback for '" + reader + "', not a USB reader here; ignored");
    }
  }

  void take_hotplug() {
    std::vector<std::pair<libusb_device*, bool>> events;
    events.swap(hotplug_events_);
    for (const auto& [device, arrived_now] : events) {
      if (arrived_now)
        arrived(device);
      else
        left(device);
      libusb_unref_device(device);
    }
  }

  void rescan() {
    libusb_device** list = nullptr;
    const ssize_t n = libusb_get_device_list(ctx_, &list);
    if (n < 0) return log::warn("usb", "listing USB devices failed: " + usb_error_text(static_cast<int>(n)));
    const std::set<libusb_device*> present(list, list + n);
    for (auto& [name, slot] : slots_)
      if (slot->device() && !present.count(slot->device())) slot->detach();  // a missed "left"
    for (ssize_t i = 0; i < n; ++i) arrived(list[i]);
    libusb_free_device_list(list, 1);
  }

  void arrived(libusb_device* device) {
    libusb_device_descriptor d{};
    if (libusb_get_device_descriptor(device, &d) != 0) return;
    const ReaderProfile* profile = find_profile(profiles_, d.idVendor, d.idProduct);
    if (!profile) return;
    const std::string name = model_key(*profile) + "@" + location(device);
    auto& slot = slots_[name];
    if (!slot)
      slot = std::make_unique<ReaderSlot>(name, *profile, clock_, sink_, Backoff(options_.first_retry, options_.max_retry));
    slot->attach(device);
  }

  void left(libusb_device* device) {
    for (auto& [name, slot] : slots_)
      if (slot->device() == device) slot->detach();
  }

  void shutdown() {
    for (auto& [name, slot] : slots_) slot->begin_stop();
    const auto deadline = SteadyClock::now() + shutdown_timeout;
    auto all_stopped = [&] {
      return std::all_of(slots_.begin(), slots_.end(), [](const auto& s) { return s.second->stopped(); });
    };
    while (!all_stopped() && SteadyClock::now() < deadline) {
      timeval tv = to_timeval(shutdown_turn);
      libusb_handle_events_timeout_completed(ctx_, &tv, nullptr);
      for (auto& [name, slot] : slots_) slot->tick();
    }
    if (!all_stopped()) log::error("usb", "some readers did not hand back their transfers in time");
    slots_.clear();
    for (const auto& [device, arrived_now] : hotplug_events_) libusb_unref_device(device);
    hotplug_events_.clear();
    if (has_hotplug_) libusb_hotplug_deregister_callback(ctx_, hotplug_);
    has_hotplug_ = false;
  }

  const std::vector<ReaderProfile>& profiles_;
  const Clock& clock_;
  const UsbReadersOptions options_;
  ReaderSink& sink_;
  libusb_context* ctx_;
  libusb_hotplug_callback_handle hotplug_ = 0;
  bool has_hotplug_ = false;
  std::map<std::string, std::unique_ptr<ReaderSlot>> slots_;     // event thread only
  std::vector<std::pair<libusb_device*, bool>> hotplug_events_;  // event thread only; true: arrived
  std::mutex posted_mutex_;
  std::vector<std::pair<std::string, Feedback>> posted_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

UsbReaders::UsbReaders(std::vector<ReaderProfile> profiles, const Clock& clock, UsbReadersOptions options)
    : profiles_(std::move(profiles)), clock_(clock), options_(options) {}

UsbReaders::~UsbReaders() { stop(); }

Status UsbReaders::start(ReaderSink& sink) {
  std::lock_guard lock(mutex_);
  if (loop_) return make_error(Errc::conflict, "reader.already_running", "the USB readers are already started");
  libusb_context* ctx = nullptr;
  if (const int r = libusb_init(&ctx); r != 0)
    return make_error(Errc::unavailable, "usb.unavailable", "USB is not available: libusb_init failed: " + usb_error_text(r));
  std::string models;
  for (const ReaderProfile& p : profiles_) models += (models.empty() ? "" : ", ") + p.name;
  log::info("usb", "looking for readers: " + (models.empty() ? std::string("none (no profiles)") : models));
  loop_ = std::make_unique<Loop>(profiles_, clock_, options_, sink, ctx);
  loop_->start();
  return ok_status();
}

void UsbReaders::stop() {
  std::unique_ptr<Loop> loop;
  {
    std::lock_guard lock(mutex_);
    loop.swap(loop_);
  }
  if (!loop) return;
  loop->stop();
  loop.reset();  // libusb_exit
}

void UsbReaders::feedback(const std::string& reader, Feedback f) {
  std::lock_guard lock(mutex_);
  if (loop_) loop_->post_feedback(reader, f);
}

}  // namespace classbook::drivers::usb
