// Tests of the hall kiosk's PIN rule and the wrong-PIN counter that locks a card.
#include <catch2/catch.hpp>

#include "domain/kiosk_pin.hpp"

using namespace classbook::domain;
using namespace std::chrono_literals;

namespace {
Instant at(long long minutes) { return Instant{} + std::chrono::minutes(minutes) + std::chrono::hours(24 * 365 * 57); }
}  // namespace

TEST_CASE("a PIN is 4 to 6 digits, not one digit repeated, not a run") {
  for (const char* good : {"4821", "90210", "135790", "1235", "0987", "7890", "1212"}) {
    CAPTURE(good);
    CHECK_FALSE(check_kiosk_pin(good));
  }
  for (const char* short_or_long : {"", "482", "4821934", "48 21", "48a1", "４８２１", "-482"}) {
    CAPTURE(short_or_long);
    auto why = check_kiosk_pin(short_or_long);
    REQUIRE(why);
    CHECK(why->find("4 to 6 digits") != std::string::npos);
  }
  for (const char* same : {"1111", "00000", "999999"}) {
    CAPTURE(same);
    auto why = check_kiosk_pin(same);
    REQUIRE(why);
    CHECK(why->find("repeated") != std::string::npos);
  }
  for (const char* run : {"1234", "4321", "0123", "56789", "987654", "3210"}) {
    CAPTURE(run);
    auto why = check_kiosk_pin(run);
    REQUIRE(why);
    CHECK(why->find("run") != std::string::npos);
  }
}

TEST_CASE("five wrong PINs in a row lock the card for fifteen minutes, then the count starts again") {
  REQUIRE(pin_max_attempts == 5);
  REQUIRE(pin_lock == 15min);
  PinCounter c;
  CHECK(attempts_left(c) == 5);
  for (int i = 1; i < pin_max_attempts; ++i) {
    c = after_wrong_pin(c, at(i));
    CHECK(c.failures == i);
    CHECK_FALSE(pin_locked(c, at(i)));
    CHECK(attempts_left(c) == pin_max_attempts - i);
  }
  c = after_wrong_pin(c, at(10));
  REQUIRE(c.locked_until);
  CHECK(*c.locked_until == at(10) + pin_lock);
  CHECK(pin_locked(c, at(10)));
  CHECK(pin_locked(c, at(24)));
  CHECK_FALSE(pin_locked(c, at(25)));
  // A try while locked is refused before any PIN is checked: it changes nothing.
  CHECK(after_wrong_pin(c, at(12)).locked_until == c.locked_until);
  CHECK(attempts_left(c) == pin_max_attempts);
  // After the lock the pupil has all the tries again, and the old lock is forgotten.
  c = after_wrong_pin(c, at(30));
  CHECK(c.failures == 1);
  CHECK_FALSE(c.locked_until);
}

TEST_CASE("each lock in a row lasts twice as long as the one before, up to a day - a right PIN starts afresh") {
  PinCounter c;
  auto now = at(0);
  std::chrono::milliseconds previous{0};
  for (int lock = 0; lock < 10; ++lock) {
    for (int i = 0; i < pin_max_attempts; ++i) c = after_wrong_pin(c, now);
    REQUIRE(c.locked_until);
    const auto length = std::chrono::duration_cast<std::chrono::milliseconds>(*c.locked_until - now);
    if (lock == 0) CHECK(length == pin_lock);
    else CHECK(length == std::min<std::chrono::milliseconds>(previous * 2, pin_max_lock));
    previous = length;
    now = *c.locked_until;
  }
  CHECK(previous == pin_max_lock);
  c = PinCounter{};  // what a right PIN leaves behind
  for (int i = 0; i < pin_max_attempts; ++i) c = after_wrong_pin(c, now);
  CHECK(*c.locked_until - now == pin_lock);
}
