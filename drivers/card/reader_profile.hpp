// reader_profile: what one reader model is and how to drive it, parsed from a profile file in
// firmware-config/readers/ (one file per model; the format is in firmware-config/README.md). Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"
#include "drivers/card/card_id.hpp"

namespace classbook::drivers {

enum class DriverKind { hid_wedge, ccid, cdc_acm };
enum class CcidMode { pn532_direct, pcsc_getdata };  // docs/kiosk-research.md §3
enum class KeyboardLayout { us };                   // usage ids → characters; more layouts later
enum class Terminator { enter, tab, none };         // none: the read ends after the inter-key gap
// What a read from this reader is: a card (its text → CardId by [uid]) or a scanned code (the text
// itself → CodeScan; a keyboard-mode barcode scanner).
enum class ReadKind { card, code };
const char* to_string(DriverKind d);  // "hid-wedge", "ccid", "cdc-acm": as written in profiles

// One step of an LED/buzzer pattern: what to light and for how long, and whether to beep.
struct Signal {
  bool red = false, green = false, beep = false;
  std::chrono::milliseconds duration{0};
};
using SignalPattern = std::vector<Signal>;

struct ReaderProfile {
  std::string name;      // "ACS ACR122U"
  std::string file;      // where it came from, for messages
  std::uint16_t vendor_id = 0, product_id = 0;
  int interface = 0;     // the interface to claim (CDC-ACM: the data interface is found from it)
  DriverKind driver = DriverKind::hid_wedge;
  ReadKind reads = ReadKind::card;
  UidFormat uid;                                // reads = card
  std::string code_format = "unknown";          // reads = code: CodeScan::format (a wedge scanner does not say)
  std::chrono::milliseconds debounce{1500};     // the same card again within this is the same tap
  // hid_wedge
  KeyboardLayout layout = KeyboardLayout::us;
  Terminator terminator = Terminator::enter;
  std::chrono::milliseconds key_gap{100};       // a partial read older than this is dropped
  // ccid
  CcidMode ccid_mode = CcidMode::pn532_direct;
  std::chrono::milliseconds poll_interval{250};
  // cdc_acm
  int baud = 9600;
  // feedback
  SignalPattern on_accepted, on_unknown, on_offline;
};

inline constexpr std::size_t max_signal_steps = 8;
inline constexpr std::chrono::milliseconds max_signal_pattern{5000};  // the reader is not polling meanwhile

// "green 300 beep, off 100, red 200" → steps; "none" → no steps. Each step: off|red|green|both, a
// duration in ms, optionally "beep". The error says what is wrong with which step.
Result<SignalPattern> parse_signal_pattern(std::string_view text);

// Parses one profile file's text; `file` names it in errors, which give the line and what to fix.
Result<ReaderProfile> parse_reader_profile(std::string_view text, const std::string& file);

// Every *.conf in `dir`, sorted by name; the first bad file fails the whole load (a kiosk with a
// typo in a profile must not start half-blind).
Result<std::vector<ReaderProfile>> load_reader_profiles(const std::string& dir);

// The profile for a device, or nullptr.
const ReaderProfile* find_profile(const std::vector<ReaderProfile>& profiles, std::uint16_t vid, std::uint16_t pid);

}  // namespace classbook::drivers
