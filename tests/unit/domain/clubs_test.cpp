// Tests of club sessions: their hours, overlaps within a club, and clashes with the day's lessons.
#include <catch2/catch.hpp>

#include "domain/clubs.hpp"

using namespace classbook::domain;

namespace {

constexpr int at(int h, int m) { return h * 60 + m; }

BellSchedule saturday() {
  return BellSchedule{"суббота",
                      {{1, at(9, 0), at(9, 40), ""},
                       {2, at(9, 50), at(10, 30), ""},
                       {3, at(10, 40), at(11, 20), ""},
                       {4, at(11, 30), at(12, 10), ""}}};
}

WeekBells school_week() {
  WeekBells w;
  w.variants = {default_bell_schedule(), saturday()};
  for (int d = 1; d <= 5; ++d) w.by_weekday[d] = "основное";
  w.by_weekday[6] = "суббота";
  return w;
}

}  // namespace

TEST_CASE("club hours") {
  CHECK(earliest_club_minute == at(8, 0));
  CHECK(latest_club_minute == at(20, 0));
}

TEST_CASE("valid sessions") {
  CHECK_FALSE(check_club_sessions({}));
  CHECK_FALSE(check_club_sessions({{1, at(16, 0), at(17, 0)}, {3, at(16, 0), at(17, 0)}}));
  CHECK_FALSE(check_club_sessions({{6, at(8, 0), at(9, 0)}, {7, at(19, 0), at(20, 0)}}));  // both edges
  // one session ending when the next starts, listed either way round
  CHECK_FALSE(check_club_sessions({{2, at(15, 0), at(16, 0)}, {2, at(16, 0), at(17, 0)}}));
  CHECK_FALSE(check_club_sessions({{2, at(16, 0), at(17, 0)}, {2, at(15, 0), at(16, 0)}}));
}

TEST_CASE("each session on a real weekday, ending after it starts, within the hours") {
  CHECK(check_club_sessions({{0, at(16, 0), at(17, 0)}}) ==
        std::string("A club session is on weekday 0; use 1 (Monday) to 7 (Sunday)."));
  CHECK(check_club_sessions({{8, at(16, 0), at(17, 0)}}) ==
        std::string("A club session is on weekday 8; use 1 (Monday) to 7 (Sunday)."));
  CHECK(check_club_sessions({{1, at(16, 0), at(16, 0)}}) ==
        std::string("The session on Monday 16:00–16:00 must end after it starts; correct its times."));
  CHECK(check_club_sessions({{1, at(17, 0), at(16, 0)}}) ==
        std::string("The session on Monday 17:00–16:00 must end after it starts; correct its times."));
  CHECK(check_club_sessions({{2, at(7, 59), at(9, 0)}}) ==
        std::string("The session on Tuesday 07:59–09:00 runs outside 08:00–20:00; clubs meet only within those "
                    "hours."));
  CHECK(check_club_sessions({{5, at(19, 0), at(20, 1)}}) ==
        std::string("The session on Friday 19:00–20:01 runs outside 08:00–20:00; clubs meet only within those "
                    "hours."));
}

TEST_CASE("sessions of one club do not overlap on a weekday") {
  CHECK(check_club_sessions({{1, at(15, 0), at(16, 0)}, {1, at(15, 59), at(17, 0)}}) ==
        std::string("The sessions on Monday 15:00–16:00 and 15:59–17:00 overlap; move one of them."));
  CHECK(check_club_sessions({{4, at(15, 0), at(18, 0)}, {4, at(16, 0), at(17, 0)}}));  // one inside the other
  CHECK(check_club_sessions({{4, at(16, 0), at(17, 0)}, {4, at(16, 0), at(17, 0)}}));  // the same twice
  CHECK_FALSE(check_club_sessions({{1, at(15, 0), at(16, 0)}, {2, at(15, 0), at(16, 0)}}));
  // a bad session is reported before an overlap further on
  CHECK(check_club_sessions({{1, at(15, 0), at(16, 0)}, {1, at(15, 30), at(16, 30)}, {9, at(15, 0), at(16, 0)}}) ==
        std::string("A club session is on weekday 9; use 1 (Monday) to 7 (Sunday)."));
}

TEST_CASE("a session clashes when it starts before the lessons end") {
  const BellSchedule bells = default_bell_schedule();  // lesson 6 ends at 14:10, lesson 8 at 16:00
  CHECK(clashes_with_lessons({{1, at(14, 10), at(15, 0)}}, bells, 6).empty());
  CHECK(clashes_with_lessons({{1, at(14, 9), at(15, 0)}}, bells, 6) ==
        std::vector<std::string>{"The session on Monday 14:09–15:00 starts before the lessons of the day end at "
                                 "14:10; start it at 14:10 or later, or end it by 08:30."});
  CHECK(clashes_with_lessons({{1, at(15, 59), at(17, 0)}}, bells, 8).size() == 1);
  CHECK(clashes_with_lessons({{1, at(16, 0), at(17, 0)}}, bells, 8).empty());
  CHECK(clashes_with_lessons({{1, at(15, 15), at(16, 0)}}, bells, 7).empty());  // lesson 7 ends 15:05
}

TEST_CASE("a morning session that ends by the first bell does not clash") {
  const BellSchedule bells = default_bell_schedule();
  CHECK(clashes_with_lessons({{1, at(8, 0), at(8, 30)}}, bells, 6).empty());
  CHECK(clashes_with_lessons({{1, at(8, 0), at(8, 31)}}, bells, 6).size() == 1);
  CHECK(clashes_with_lessons({{1, at(10, 0), at(11, 0)}}, bells, 6).size() == 1);  // in the middle of the day
}

TEST_CASE("every session given is compared, in list order") {
  const BellSchedule bells = default_bell_schedule();
  const auto clashes =
      clashes_with_lessons({{3, at(13, 0), at(14, 0)}, {3, at(15, 0), at(16, 0)}, {3, at(12, 0), at(13, 0)}},
                           bells, 6);
  REQUIRE(clashes.size() == 2);
  CHECK(clashes[0].rfind("The session on Wednesday 13:00–14:00", 0) == 0);
  CHECK(clashes[1].rfind("The session on Wednesday 12:00–13:00", 0) == 0);
}

TEST_CASE("no lessons, no clashes, a missing lesson is said, not guessed") {
  const BellSchedule bells = default_bell_schedule();
  CHECK(clashes_with_lessons({{1, at(9, 0), at(10, 0)}}, bells, 0).empty());
  CHECK(clashes_with_lessons({{1, at(9, 0), at(10, 0)}}, bells, -1).empty());
  CHECK(clashes_with_lessons({}, bells, 6).empty());
  CHECK(clashes_with_lessons({{1, at(9, 0), at(10, 0)}}, bells, 9) ==
        std::vector<std::string>{"The bell schedule \"основное\" has no lesson 9, so clubs cannot be compared "
                                 "with the lessons; check the pupil's timetable and the bells."});
  CHECK(clashes_with_lessons({{1, at(9, 0), at(10, 0)}}, BellSchedule{"пусто", {}}, 1) ==
        std::vector<std::string>{"The bell schedule \"пусто\" has no lesson 1, so clubs cannot be compared with "
                                 "the lessons; check the pupil's timetable and the bells."});
}

TEST_CASE("over a week, each session meets the bells and last lesson of its own weekday") {
  const WeekBells week = school_week();
  const std::map<int, int> last_period{{1, 6}, {2, 8}, {6, 4}};
  const std::vector<ClubSession> sessions{
      {6, at(12, 0), at(13, 0)},   // Saturday: lessons end 12:10 — clash
      {1, at(14, 0), at(15, 0)},   // Monday: lesson 6 ends 14:10 — clash
      {1, at(14, 10), at(15, 0)},  // Monday: fine
      {2, at(15, 30), at(16, 30)}, // Tuesday: lesson 8 ends 16:00 — clash
      {3, at(9, 0), at(10, 0)},    // Wednesday: no last lesson given, so no lessons
      {6, at(12, 10), at(13, 0)},  // Saturday: fine
      {7, at(10, 0), at(11, 0)},   // Sunday: no bells
  };
  const auto clashes = clashes_with_lessons(sessions, week, last_period);
  REQUIRE(clashes.size() == 3);
  CHECK(clashes[0] == "The session on Monday 14:00–15:00 starts before the lessons of the day end at 14:10; start "
                      "it at 14:10 or later, or end it by 08:30.");
  CHECK(clashes[1] == "The session on Tuesday 15:30–16:30 starts before the lessons of the day end at 16:00; "
                      "start it at 16:00 or later, or end it by 08:30.");
  CHECK(clashes[2] == "The session on Saturday 12:00–13:00 starts before the lessons of the day end at 12:10; "
                      "start it at 12:10 or later, or end it by 09:00.");
}

TEST_CASE("over a week, a missing lesson names the weekday's bells") {
  const std::map<int, int> last_period{{5, 9}, {7, 3}};
  const auto clashes =
      clashes_with_lessons({{5, at(17, 0), at(18, 0)}, {7, at(9, 0), at(10, 0)}}, school_week(), last_period);
  CHECK(clashes == std::vector<std::string>{"The bell schedule \"основное\" rung on Friday has no lesson 9, so "
                                            "clubs cannot be compared with the lessons; check the pupil's "
                                            "timetable and the bells."});
  CHECK(clashes_with_lessons({}, school_week(), last_period).empty());
}
