// Tests of clock minutes and weekday names: formatting, strict parsing, and the edges of a day.
#include <catch2/catch.hpp>

#include "domain/day_time.hpp"

using namespace classbook::domain;

TEST_CASE("minutes since midnight are written as HH:MM") {
  CHECK(minutes_per_day == 1440);
  CHECK(format_minute(0) == "00:00");
  CHECK(format_minute(9) == "00:09");
  CHECK(format_minute(60) == "01:00");
  CHECK(format_minute(510) == "08:30");
  CHECK(format_minute(959) == "15:59");
  CHECK(format_minute(1439) == "23:59");
}

TEST_CASE("minutes outside a day are named, not turned into a clock time") {
  CHECK(format_minute(1440) == "minute 1440");
  CHECK(format_minute(-1) == "minute -1");
}

TEST_CASE("HH:MM parses strictly") {
  CHECK(parse_minute("00:00") == 0);
  CHECK(parse_minute("08:30") == 510);
  CHECK(parse_minute("23:59") == 1439);
  for (const char* bad : {"", "8:30", "08:3", "24:00", "08:60", "08-30", " 8:30", "08:30 ", "+8:30", "0830",
                          "08:30:00", "ab:cd", "-1:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_minute(bad));
  }
}

TEST_CASE("every minute of a day round-trips") {
  for (int m = 0; m < minutes_per_day; ++m) {
    INFO(m);
    REQUIRE(parse_minute(format_minute(m)) == m);
  }
}

TEST_CASE("weekday names follow ISO numbering") {
  CHECK(weekday_name(1) == "Monday");
  CHECK(weekday_name(3) == "Wednesday");
  CHECK(weekday_name(7) == "Sunday");
  CHECK(weekday_name(0) == "weekday 0");
  CHECK(weekday_name(8) == "weekday 8");
  CHECK_FALSE(is_weekday(0));
  CHECK(is_weekday(1));
  CHECK(is_weekday(7));
  CHECK_FALSE(is_weekday(8));
  static_assert(is_weekday(5));
}

TEST_CASE("a school's UTC offset is read with its sign, in quarter hours, within the world's range") {
  CHECK(parse_utc_offset("+03:00") == 180);  // Moscow
  CHECK(parse_utc_offset("+12:00") == 720);  // Kamchatka
  CHECK(parse_utc_offset("-03:30") == -210);
  CHECK(parse_utc_offset("+05:45") == 345);
  CHECK(parse_utc_offset("+14:00") == 840);
  for (const char* bad : {"03:00", "+3:00", "+03:07", "+14:15", "-12:15", "+24:00", "", "+03:00 ", "UTC+3"}) {
    INFO(bad);
    CHECK_FALSE(parse_utc_offset(bad));
  }
  CHECK(format_utc_offset(180) == "+03:00");
  CHECK(format_utc_offset(-210) == "-03:30");
  CHECK(format_utc_offset(0) == "+00:00");
}
