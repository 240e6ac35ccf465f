// kiosk_pin: PIN rules and the wrong-PIN counter.
#include "kiosk_pin.hpp"

#include <algorithm>

namespace classbook::domain {

namespace {
bool one_step_run(std::string_view pin, int step) {
  for (std::size_t i = 1; i < pin.size(); ++i)
    if (pin[i] - pin[i - 1] != step) return false;
  return true;
}
}  // namespace

std::optional<std::string> check_kiosk_pin(std::string_view pin) {
  const bool digits_only = pin.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits_only || pin.size() < pin_min_digits || pin.size() > pin_max_digits)
    return "The PIN must be " + std::to_string(pin_min_digits) + " to " + std::to_string(pin_max_digits) +
           " digits, nothing else.";
  if (one_step_run(pin, 0)) return "The PIN must not be one digit repeated, like 1111; mix different digits.";
  if (one_step_run(pin, 1) || one_step_run(pin, -1))
    return "The PIN must not be a run of digits like 1234 or 4321, the first thing anyone tries; choose another.";
  return std::nullopt;
}

bool pin_locked(const PinCounter& c, Instant now) { return c.locked_until && now < *c.locked_until; }

int attempts_left(const PinCounter& c) { return c.failures >= pin_max_attempts ? 0 : pin_max_attempts - c.failures; }

PinCounter after_wrong_pin(PinCounter c, Instant now) {
  if (pin_locked(c, now)) return c;  // a try during the lock is refused before any PIN is checked
  c.locked_until.reset();
  if (++c.failures >= pin_max_attempts) {
    c.failures = 0;
    const int doublings = std::min(c.lockouts, 16);  // 2^16 × 15 min is far past the cap already
    c.locked_until = now + std::min<std::chrono::milliseconds>(pin_lock * (1LL << doublings), pin_max_lock);
    c.lockouts = std::min(c.lockouts + 1, 1000);
  }
  return c;
}

}  // namespace classbook::domain
