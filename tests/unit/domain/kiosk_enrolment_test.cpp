// Tests of kiosk modes and the one-time enrolment code as people read and type it.
#include <catch2/catch.hpp>

#include <map>

#include "domain/kiosk_enrolment.hpp"

using namespace classbook::domain;

TEST_CASE("kiosk modes read and print") {
  CHECK(parse_kiosk_mode("entrance") == KioskMode::entrance);
  CHECK(parse_kiosk_mode("hall") == KioskMode::hall);
  CHECK(parse_kiosk_mode("desk") == KioskMode::desk);
  CHECK(std::string(to_string(KioskMode::desk)) == "desk");
  CHECK_FALSE(parse_kiosk_mode("Hall"));
  CHECK_FALSE(parse_kiosk_mode(""));
  CHECK(std::string(to_string(KioskMode::hall)) == "hall");
}

TEST_CASE("the code alphabet has no look-alikes") {
  CHECK(enrolment_code_alphabet.size() == 31);
  for (char c : std::string("01OIL")) CHECK(enrolment_code_alphabet.find(c) == std::string_view::npos);
}

TEST_CASE("a code from random bytes skips the bytes that would bias it") {
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 12; ++i) {
    bytes.push_back(250);  // above 247: skipped
    bytes.push_back(static_cast<std::uint8_t>(i + 31 * (i % 7)));  // the i-th symbol, in several ways
  }
  auto code = enrolment_code_from_bytes(bytes);
  REQUIRE(code);
  CHECK(*code == "23456789ABCD");
  CHECK_FALSE(enrolment_code_from_bytes(std::vector<std::uint8_t>(40, 255)));
  CHECK_FALSE(enrolment_code_from_bytes(std::vector<std::uint8_t>(11, 0)));
  // Every symbol is reachable and none is favoured over a full cycle of usable bytes.
  std::vector<std::uint8_t> cycle;
  for (int b = 0; b < 248; ++b) cycle.push_back(static_cast<std::uint8_t>(b));
  std::map<char, int> seen;
  for (std::size_t i = 0; i + 12 <= cycle.size(); i += 12) {
    const auto code = enrolment_code_from_bytes({cycle.begin() + static_cast<long>(i), cycle.begin() + static_cast<long>(i) + 12});
    REQUIRE(code);
    for (char c : *code) ++seen[c];
  }
  CHECK(seen.size() == 31);
}

TEST_CASE("typed codes: case, spaces and dashes do not matter") {
  CHECK(group_enrolment_code("7KQ29XHM3PEA") == "7KQ2-9XHM-3PEA");
  CHECK(normalise_enrolment_code("7KQ2-9XHM-3PEA") == "7KQ29XHM3PEA");
  CHECK(normalise_enrolment_code("7kq2 9xhm 3pea") == "7KQ29XHM3PEA");
  CHECK(normalise_enrolment_code(" 7kq2-9xhm-3pea ") == "7KQ29XHM3PEA");
  CHECK_FALSE(normalise_enrolment_code("7KQ2-9XHM-3PE"));    // too short
  CHECK_FALSE(normalise_enrolment_code("7KQ2-9XHM-3PEAA"));  // too long
  CHECK_FALSE(normalise_enrolment_code("7KQ2-9XHM-3PL0"));   // L and 0 are not in the alphabet
  CHECK_FALSE(normalise_enrolment_code(""));
}
