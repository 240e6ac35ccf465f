// debouncer: a card held on a reader is one tap; another card or a later tap is a new one.
#include <catch2/catch.hpp>

#include "drivers/card/debouncer.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

TEST_CASE("debouncer: repeats within the window are one tap, and each repeat extends it") {
  Debouncer d(1500ms);
  const TimePoint t0{std::chrono::milliseconds(1'800'000'000'000)};
  const CardId anna{"E37A5C1D", CardTech::iso14443a}, boris{"00BC614E", CardTech::em4100};
  CHECK(d.accept(anna, t0));
  CHECK_FALSE(d.accept(anna, t0 + 220ms));  // RDM6300 repeats while the tag is in the field
  CHECK(d.accept(boris, t0 + 300ms));       // another card at once is its own tap
  for (int i = 1; i <= 10; ++i) CHECK_FALSE(d.accept(anna, t0 + 220ms + i * 1000ms));  // lying on the reader
  CHECK(d.accept(anna, t0 + 220ms + 10000ms + 1501ms));  // taken away, tapped again
  CHECK_FALSE(d.accept(anna, t0 + 220ms + 10000ms + 1501ms + 1500ms));  // exactly the window: same tap
  CHECK(d.accept(boris, t0 + 1h));
  CHECK_FALSE(d.accept(boris, t0 + 1h - 5s));  // a clock step back does not make a second tap
}

TEST_CASE("debouncer: a zero window accepts every read apart from the same millisecond") {
  Debouncer d(0ms);
  const TimePoint t0{std::chrono::milliseconds(1000)};
  const CardId c{"04A23B9C5D6E80", CardTech::iso14443a};
  CHECK(d.accept(c, t0));
  CHECK_FALSE(d.accept(c, t0));
  CHECK(d.accept(c, t0 + 1ms));
}
