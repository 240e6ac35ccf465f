// kiosk_config: the kiosk's one config file (/etc/classbook-kiosk/kiosk.conf) as a value. Pure:
// the caller reads the file; parsing names the file and line of every mistake.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "classbook/common/log.hpp"
#include "classbook/common/result.hpp"
#include "kiosk/core/server_url.hpp"
#include "kiosk/core/tap.hpp"
#include "kiosk/core/timing.hpp"
#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk {

inline constexpr const char* default_config_file = "/etc/classbook-kiosk/kiosk.conf";
inline constexpr const char* default_data_dir = "/var/lib/classbook-kiosk";
inline constexpr const char* default_profiles_dir = "/etc/classbook-kiosk/readers.d";
inline constexpr std::uint16_t default_screen_port = 8080;
inline constexpr auto default_simulated_debounce = std::chrono::milliseconds(1500);
inline constexpr auto max_timing = std::chrono::hours(1);  // a longer time-out is a typo

struct ReadersConfig {
  std::string profiles_dir = default_profiles_dir;  // reader profiles (VID:PID → format)
  bool usb = true;                                  // look for USB card readers
  std::string camera = "none";                      // "/dev/video0" or "none"
  // "none", "stdin", or a file or FIFO path whose lines are card numbers (drivers/sim).
  std::string simulated = "none";
  std::chrono::milliseconds simulated_debounce = default_simulated_debounce;
};

// A hall kiosk's own printer: a queue of the CUPS server on this machine (or one it names).
struct PrinterConfig {
  std::string cups_server;  // "" = CUPS's default (the kiosk's local cupsd); "host:port" or a socket path
  std::string queue;        // the CUPS queue's name; "" = this kiosk does not print
  bool prints() const { return !queue.empty(); }
};

struct KioskConfig {
  std::string file;         // where it came from, for messages
  ServerUrl server;
  Mode mode = Mode::entrance;
  Direction direction = Direction::toggle;  // what an entrance kiosk's taps mean
  std::string language = "ru";
  std::string data_dir = default_data_dir;  // key, certificates, spool
  std::string name;                         // shown on the screen; "" = the name the box knows
  log::Level log_level = log::Level::info;
  std::string screen_address = "127.0.0.1";
  std::uint16_t screen_port = default_screen_port;
  ReadersConfig readers;
  PrinterConfig printer;
  Timing timing;
};

// Relative paths are taken from the config file's folder, so a test or a portable set-up can keep
// everything side by side.
Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& file);

// The files enrolment writes into the data directory and `run` reads.
struct KioskFiles {
  std::string key, certificate, ca, spool;
};
KioskFiles kiosk_files(const std::string& data_dir);

}  // namespace classbook::kiosk
