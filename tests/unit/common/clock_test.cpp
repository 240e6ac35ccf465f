// Tests of the UTC text form and the fake clock.
#include <catch2/catch.hpp>

#include "classbook/common/clock.hpp"

using namespace classbook;
using namespace std::chrono;

TEST_CASE("UTC instants round-trip through their text form") {
  TimePoint t;
  REQUIRE(parse_utc("2026-11-29T08:14:03.120Z", t));
  CHECK(format_utc(t) == "2026-11-29T08:14:03.120Z");
  REQUIRE(parse_utc("2026-11-29T11:14:03+03:00", t));
  CHECK(format_utc(t) == "2026-11-29T08:14:03.000Z");
  REQUIRE(parse_utc("2026-11-29T08:14:03.5Z", t));
  CHECK(format_utc(t) == "2026-11-29T08:14:03.500Z");
}

TEST_CASE("malformed instants are rejected") {
  TimePoint t;
  for (const char* bad : {"", "2026-11-29", "2026-11-29T08:14:03", "2026-02-30T00:00:00Z",
                          "2026-11-29T24:00:00Z", "2026-11-29T08:14:03.Z", "2026-11-29T08:14:03Zx",
                          "2026-11-29T08:14:03+3:00", "２026-11-29T08:14:03Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_utc(bad, t));
  }
}

TEST_CASE("the fake clock moves only when told") {
  TimePoint start;
  REQUIRE(parse_utc("2026-09-01T05:00:00Z", start));
  FakeClock clock(start);
  CHECK(clock.now() == start);
  clock.advance(minutes(30));
  CHECK(format_utc(clock.now()) == "2026-09-01T05:30:00.000Z");
}
