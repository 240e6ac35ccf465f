// pin_buffer: see the header.
#include "kiosk/core/pin_buffer.hpp"

namespace classbook::kiosk {

void wipe_string(std::string& s) {
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.capacity(); ++i) p[i] = 0;
  s.clear();
}

bool PinBuffer::push(int digit) {
  if (digit < 0 || digit > 9 || size() >= pin_max_digits) return false;
  digits_.push_back(static_cast<char>('0' + digit));
  return true;
}

void PinBuffer::pop() {
  if (digits_.empty()) return;
  digits_.back() = 0;
  digits_.pop_back();
}

void PinBuffer::wipe() { wipe_string(digits_); }

}  // namespace classbook::kiosk
