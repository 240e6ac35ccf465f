// pin_buffer: the digits a pupil types on the hall kiosk, held only as long as needed and wiped.
#pragma once

#include <string>

namespace classbook::kiosk {

inline constexpr int pin_min_digits = 4;  // the box accepts 4–6 digits (docs/kiosk-protocol.md)
inline constexpr int pin_max_digits = 6;

class PinBuffer {
 public:
  PinBuffer() { digits_.reserve(pin_max_digits + 1); }  // never reallocates: no stray copies
  ~PinBuffer() { wipe(); }
  PinBuffer(const PinBuffer&) = delete;
  PinBuffer& operator=(const PinBuffer&) = delete;

  bool push(int digit);  // false when full or not 0..9
  void pop();
  void wipe();
  int size() const { return static_cast<int>(digits_.size()); }
  bool complete() const { return size() >= pin_min_digits; }
  const std::string& text() const { return digits_; }

 private:
  std::string digits_;
};

// Overwrites the characters before clearing, through a volatile pointer the optimiser keeps.
void wipe_string(std::string& s);

}  // namespace classbook::kiosk
