// hid_keyboard: boot-keyboard reports → the text a wedge reader or scanner typed (HID Usage Tables,
// keyboard page 0x07). Works on raw usages, so the kiosk's keyboard layout never garbles a card.
#include "drivers/card/hid_keyboard.hpp"

#include <algorithm>

namespace classbook::drivers {
namespace {

constexpr std::uint8_t shift_bits = 0x02 | 0x20;  // left shift, right shift
constexpr std::uint8_t rollover_error = 0x01;     // 0x01..0x03: ErrorRollOver, POSTFail, ErrorUndefined
constexpr std::uint8_t last_error_usage = 0x03;
constexpr std::uint8_t key_enter = 0x28, key_tab = 0x2B, keypad_enter = 0x58;

// US layout, usages 0x2C..0x38: space and punctuation, unshifted and shifted (0x32 is the non-US #).
constexpr char punct_plain[] = " -=[]\\\0;'`,./";
constexpr char punct_shift[] = " _+{}|\0:\"~<>?";
constexpr char digit_shift[] = "!@#$%^&*()";

}  // namespace

std::optional<char> usage_to_char(std::uint8_t u, bool shift, KeyboardLayout layout) {
  (void)layout;  // only the US layout exists; a reader configured for another would send other usages
  if (u >= 0x04 && u <= 0x1D) return static_cast<char>((shift ? 'A' : 'a') + (u - 0x04));
  if (u >= 0x1E && u <= 0x27) {
    const int i = u - 0x1E;  // 1..9, then 0
    return shift ? digit_shift[i] : static_cast<char>(i == 9 ? '0' : '1' + i);
  }
  if (u >= 0x2C && u <= 0x38) {
    const char c = (shift ? punct_shift : punct_plain)[u - 0x2C];
    return c ? std::optional<char>(c) : std::nullopt;
  }
  if (u >= 0x59 && u <= 0x62) return static_cast<char>(u == 0x62 ? '0' : '1' + (u - 0x59));  // keypad digits
  switch (u) {
    case 0x54: return '/';
    case 0x55: return '*';
    case 0x56: return '-';
    case 0x57: return '+';
    case 0x63: return '.';
    default: return std::nullopt;
  }
}

HidKeyboardDecoder::HidKeyboardDecoder(KeyboardLayout layout, Terminator terminator, std::chrono::milliseconds key_gap)
    : layout_(layout), terminator_(terminator), key_gap_(key_gap) {}

std::optional<std::string> HidKeyboardDecoder::take() {
  std::optional<std::string> out;
  if (!text_.empty() && !overflow_) out = std::move(text_);
  text_.clear();
  overflow_ = false;
  return out;
}

std::optional<std::string> HidKeyboardDecoder::feed(std::span<const std::uint8_t> report, TimePoint at) {
  if (report.size() != boot_report_size) return std::nullopt;
  const auto keys = report.subspan(2, held_.size());
  if (std::all_of(keys.begin(), keys.end(), [](std::uint8_t k) { return k == rollover_error; })) return std::nullopt;

  std::optional<std::string> done;
  if ((!text_.empty() || overflow_) && at - last_key_ > key_gap_) {
    auto pending = take();
    if (terminator_ == Terminator::none) done = std::move(pending);  // otherwise a stale partial: dropped
  }
  const bool shift = (report[0] & shift_bits) != 0;
  for (const auto k : keys) {
    if (k <= last_error_usage || std::find(held_.begin(), held_.end(), k) != held_.end()) continue;  // not new
    const bool enter = k == key_enter || k == keypad_enter;
    if ((terminator_ == Terminator::enter && enter) || (terminator_ == Terminator::tab && k == key_tab)) {
      if (auto t = take()) done = std::move(t);
      continue;
    }
    const auto c = usage_to_char(k, shift, layout_);
    if (!c) continue;  // Esc, Backspace, F-keys...: not part of any card number or code
    last_key_ = at;
    if (overflow_) continue;
    text_ += *c;
    if (text_.size() > max_wedge_read) {
      text_.clear();
      overflow_ = true;
    }
  }
  std::copy(keys.begin(), keys.end(), held_.begin());
  return done;
}

std::optional<std::string> HidKeyboardDecoder::flush(TimePoint now) {
  if ((text_.empty() && !overflow_) || now - last_key_ <= key_gap_) return std::nullopt;
  auto pending = take();
  if (terminator_ != Terminator::none) return std::nullopt;
  return pending;
}

}  // namespace classbook::drivers
