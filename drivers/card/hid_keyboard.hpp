// hid_keyboard: keyboard-wedge readers and scanners — 8-byte boot reports in, finished reads out.
// Pure: the caller passes the time of each report (tests drive it with a fake clock).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "classbook/common/clock.hpp"
#include "drivers/card/reader_profile.hpp"

namespace classbook::drivers {

inline constexpr std::size_t boot_report_size = 8;
inline constexpr std::size_t max_wedge_read = 64;  // characters; a longer run is noise and is dropped

// The character a usage id gives under `layout` (shift from the modifier byte), or none.
std::optional<char> usage_to_char(std::uint8_t usage, bool shift, KeyboardLayout layout);

class HidKeyboardDecoder {
 public:
  HidKeyboardDecoder(KeyboardLayout layout, Terminator terminator, std::chrono::milliseconds key_gap);
  // Feeds one report (a short or over-long report is ignored; phantom/rollover reports too).
  // Returns the finished text when this report ends a read (terminator, or — for Terminator::none
  // — on the first report after a gap longer than key_gap).
  std::optional<std::string> feed(std::span<const std::uint8_t> report, TimePoint at);
  // For Terminator::none: the read pending since the last key, if the gap has passed by `now`.
  std::optional<std::string> flush(TimePoint now);

 private:
  KeyboardLayout layout_;
  Terminator terminator_;
  std::chrono::milliseconds key_gap_;
  std::array<std::uint8_t, 6> held_{};
  std::string text_;
  bool overflow_ = false;  // this run passed max_wedge_read: drop it up to its end
  TimePoint last_key_{};

  std::optional<std::string> take();
};

}  // namespace classbook::drivers
