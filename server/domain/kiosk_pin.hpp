// kiosk_pin: the hall kiosk's PIN — which PINs are acceptable, and the count of wrong ones that locks a card.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;  // the same as classbook::TimePoint

constexpr std::size_t pin_min_digits = 4;
constexpr std::size_t pin_max_digits = 6;
constexpr int pin_max_attempts = 5;                // wrong PINs in a row before the card locks
constexpr auto pin_lock = std::chrono::minutes(15);  // how long a card's first lock lasts
// Each further lock in a row (no right PIN between) lasts twice as long as the one before, up to
// this: guessing a 4-digit PIN at five tries per lock would otherwise take days, not years.
constexpr auto pin_max_lock = std::chrono::hours(24);

// None when `pin` will do, else a sentence for the pupil or guardian choosing it: 4–6 digits,
// not one digit repeated (1111), not a run up or down (1234, 4321, 7890 does not wrap).
std::optional<std::string> check_kiosk_pin(std::string_view pin);

// Wrong PINs since the last right one, and the lock they may have caused. Kept per pupil.
struct PinCounter {
  int failures = 0;
  std::optional<Instant> locked_until;
  int lockouts = 0;  // locks since the last right PIN: the next lock lasts pin_lock × 2^lockouts
};

bool pin_locked(const PinCounter& c, Instant now);
int attempts_left(const PinCounter& c);  // before the card locks; at least 0
// After a wrong PIN at `now`: one failure more, or — at the limit — a lock (pin_lock, doubling with
// each lock in a row up to pin_max_lock) with the count starting again, so a pupil has the full
// number of tries once the lock has passed. A right PIN starts everything afresh (PinCounter{}).
PinCounter after_wrong_pin(PinCounter c, Instant now);

}  // namespace classbook::domain
