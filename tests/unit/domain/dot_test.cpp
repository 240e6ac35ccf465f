// Tests of the dot lifecycle: expiry by date, resolution at term end, and the expiry limits.
#include <catch2/catch.hpp>

#include "domain/dot.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Dot dot(long long id, Date set_on, Date expires_on, DotState state = DotState::open) {
  return Dot{id, set_on, expires_on, state};
}

}  // namespace

TEST_CASE("dot states have stable names") {
  CHECK(std::string(to_string(DotState::open)) == "open");
  CHECK(std::string(to_string(DotState::converted)) == "converted");
  CHECK(std::string(to_string(DotState::expired)) == "expired");
  CHECK(std::string(to_string(DotState::cancelled)) == "cancelled");
}

TEST_CASE("an open dot is open through its expiry day and expired after it") {
  const Dot d = dot(1, ymd(2026, 11, 23), ymd(2026, 11, 30));
  CHECK(dot_state_on(d, ymd(2026, 11, 23)) == DotState::open);
  CHECK(dot_state_on(d, ymd(2026, 11, 29)) == DotState::open);
  CHECK(dot_state_on(d, ymd(2026, 11, 30)) == DotState::open);
  CHECK(dot_state_on(d, ymd(2026, 12, 1)) == DotState::expired);
  CHECK(dot_state_on(d, ymd(2027, 3, 1)) == DotState::expired);
}

TEST_CASE("a dot that expires on the day it is set") {
  const Dot d = dot(1, ymd(2026, 12, 31), ymd(2026, 12, 31));
  CHECK(dot_state_on(d, ymd(2026, 12, 31)) == DotState::open);
  CHECK(dot_state_on(d, ymd(2027, 1, 1)) == DotState::expired);
}

TEST_CASE("converted, cancelled and expired dots keep their state whatever the day") {
  for (DotState s : {DotState::converted, DotState::cancelled, DotState::expired}) {
    const Dot d = dot(1, ymd(2026, 11, 23), ymd(2026, 11, 30), s);
    INFO(to_string(s));
    CHECK(dot_state_on(d, ymd(2026, 11, 25)) == s);
    CHECK(dot_state_on(d, ymd(2026, 12, 25)) == s);
  }
}

TEST_CASE("at term end every open dot of the term expires and nothing else changes") {
  const Date term_end = ymd(2026, 12, 29);
  std::vector<Dot> dots{
      dot(1, ymd(2026, 12, 20), ymd(2027, 1, 15)),                        // open beyond the term
      dot(2, ymd(2026, 11, 2), ymd(2026, 11, 10)),                        // open, date passed
      dot(3, ymd(2026, 12, 1), ymd(2026, 12, 10), DotState::converted),   // became a mark
      dot(4, ymd(2026, 12, 1), ymd(2026, 12, 10), DotState::cancelled),   // teacher withdrew it
      dot(5, ymd(2026, 11, 1), ymd(2026, 11, 5), DotState::expired),      // already stored expired
      dot(6, ymd(2027, 1, 11), ymd(2027, 1, 20)),                         // next term's dot
      dot(7, ymd(2026, 12, 29), ymd(2026, 12, 29)),                       // set on the last day
  };
  const auto changed = resolve_open_dots_at_term_end(dots, term_end);
  CHECK(changed == std::vector<long long>{1, 2, 7});
  CHECK(dots[0].state == DotState::expired);
  CHECK(dots[1].state == DotState::expired);
  CHECK(dots[2].state == DotState::converted);
  CHECK(dots[3].state == DotState::cancelled);
  CHECK(dots[4].state == DotState::expired);
  CHECK(dots[5].state == DotState::open);
  CHECK(dots[6].state == DotState::expired);
  // the teacher's expiry is kept as it was set
  CHECK(dots[0].expires_on == ymd(2027, 1, 15));
  CHECK(dots[0].set_on == ymd(2026, 12, 20));

  SECTION("a second run changes nothing") {
    CHECK(resolve_open_dots_at_term_end(dots, term_end).empty());
  }
}

TEST_CASE("term-end resolution of no dots") {
  std::vector<Dot> none;
  CHECK(resolve_open_dots_at_term_end(none, ymd(2027, 5, 31)).empty());
}

TEST_CASE("a dot may expire from the day it is set to 30 days later") {
  CHECK(dot_max_days == 30);
  const Date set_on = ymd(2026, 11, 23);
  CHECK_FALSE(check_dot_expiry(set_on, set_on));
  CHECK_FALSE(check_dot_expiry(set_on, ymd(2026, 11, 24)));
  CHECK_FALSE(check_dot_expiry(set_on, ymd(2026, 12, 23)));  // exactly 30 days
  CHECK(check_dot_expiry(set_on, ymd(2026, 12, 24)) ==
        std::string("A dot can stay open for at most 30 days; choose an expiry on or before 2026-12-23."));
  CHECK(check_dot_expiry(set_on, ymd(2026, 11, 22)) ==
        std::string("A dot cannot expire before the day it is set (2026-11-23); choose that day or a later one."));
}

TEST_CASE("the 30-day limit crosses years and February") {
  CHECK_FALSE(check_dot_expiry(ymd(2026, 12, 15), ymd(2027, 1, 14)));
  CHECK(check_dot_expiry(ymd(2026, 12, 15), ymd(2027, 1, 15)));
  CHECK_FALSE(check_dot_expiry(ymd(2028, 2, 10), ymd(2028, 3, 11)));  // leap year: 29 February counts
  CHECK(check_dot_expiry(ymd(2028, 2, 10), ymd(2028, 3, 12)));
  CHECK_FALSE(check_dot_expiry(ymd(2027, 2, 10), ymd(2027, 3, 12)));
  CHECK(check_dot_expiry(ymd(2027, 2, 10), ymd(2027, 3, 13)));
}

TEST_CASE("a dot needs real dates") {
  const Date not_a_day = Date{year{2027}, month{2}, day{30}};
  CHECK(check_dot_expiry(ymd(2027, 2, 1), not_a_day) ==
        std::string("The dot needs real calendar dates; pick them again."));
  CHECK(check_dot_expiry(not_a_day, ymd(2027, 3, 1)));
}
