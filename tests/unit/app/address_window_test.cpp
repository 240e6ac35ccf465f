// Tests of AddressWindow, the per-address limit of /verify/{code}: a sliding window with the wait it
// says, addresses apart, and memory bounded however many addresses ask.
#include <catch2/catch.hpp>

#include <string>

#include "app/address_window.hpp"

using namespace classbook;
using namespace classbook::app;
using namespace std::chrono_literals;

namespace {
TimePoint at(int seconds) { return TimePoint(std::chrono::milliseconds(1'800'000'000'000LL + seconds * 1000LL)); }
}  // namespace

TEST_CASE("an address may ask so often in a window, then waits exactly until its oldest ask leaves it") {
  AddressWindow w(3, 60s, 100);
  CHECK(w.take("10.0.0.1", at(0)) == 0);
  CHECK(w.take("10.0.0.1", at(10)) == 0);
  CHECK(w.take("10.0.0.1", at(20)) == 0);
  CHECK(w.take("10.0.0.1", at(30)) == 30);  // the ask at 0 leaves the window at 60
  CHECK(w.take("10.0.0.2", at(30)) == 0);   // another address is not held back
  CHECK(w.take("10.0.0.1", at(59)) == 1);
  CHECK(w.take("10.0.0.1", at(60)) == 0);   // a refused ask was not counted
}

TEST_CASE("memory stays bounded: past the limit, addresses whose window is over are forgotten first") {
  AddressWindow w(1, 60s, 3);
  CHECK(w.take("a", at(0)) == 0);
  CHECK(w.take("b", at(1)) == 0);
  CHECK(w.take("c", at(2)) == 0);
  CHECK(w.take("d", at(3)) == 60);   // full of addresses still in their window: a new one waits
  CHECK(w.take("a", at(3)) == 57);   // a known address is still counted as before
  CHECK(w.take("d", at(61)) == 0);   // a's window is over: a is forgotten and d is taken
  CHECK(w.take("b", at(61)) == 0);
}
