// Tests of bell schedules: the default day, every validation edge, breaks, the lesson at a minute, weekdays.
#include <catch2/catch.hpp>

#include "domain/bell_schedule.hpp"

using namespace classbook::domain;

namespace {

constexpr int at(int h, int m) { return h * 60 + m; }

BellSchedule schedule_of(std::vector<BellPeriod> periods) { return BellSchedule{"тест", std::move(periods)}; }

// Saturday in many schools: four 40-minute lessons from 09:00 with 10-minute breaks.
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

TEST_CASE("the limits of a bell schedule") {
  CHECK(earliest_bell_minute == at(7, 0));
  CHECK(latest_bell_minute == at(20, 0));
  CHECK(min_break_minutes == 5);
  CHECK(min_lesson_minutes == 30);
  CHECK(max_lesson_minutes == 90);
  CHECK(breakfast_break == "завтрак");
  CHECK(lunch_break == "обед");
}

TEST_CASE("the default schedule: 8 × 45 minutes from 08:30 with breakfast and lunch") {
  const BellSchedule s = default_bell_schedule();
  CHECK(s.variant == "основное");
  REQUIRE(s.periods.size() == 8);
  struct Row {
    int start, end;
    const char* name;
  };
  const Row expected[] = {
      {at(8, 30), at(9, 15), ""},          {at(9, 25), at(10, 10), "завтрак"},
      {at(10, 30), at(11, 15), ""},        {at(11, 25), at(12, 10), "обед"},
      {at(12, 30), at(13, 15), ""},        {at(13, 25), at(14, 10), ""},
      {at(14, 20), at(15, 5), ""},         {at(15, 15), at(16, 0), ""},
  };
  for (int i = 0; i < 8; ++i) {
    INFO("lesson " << i + 1);
    CHECK(s.periods[i].number == i + 1);
    CHECK(s.periods[i].start_minute == expected[i].start);
    CHECK(s.periods[i].end_minute == expected[i].end);
    CHECK(s.periods[i].break_after_name == expected[i].name);
  }
  CHECK_FALSE(check_bell_schedule(s));
}

TEST_CASE("breaks of the default schedule, meal breaks included") {
  const auto breaks = breaks_of(default_bell_schedule());
  REQUIRE(breaks.size() == 7);
  struct Row {
    int after, start, end;
    const char* name;
  };
  const Row expected[] = {
      {1, at(9, 15), at(9, 25), ""},    {2, at(10, 10), at(10, 30), "завтрак"}, {3, at(11, 15), at(11, 25), ""},
      {4, at(12, 10), at(12, 30), "обед"}, {5, at(13, 15), at(13, 25), ""},  {6, at(14, 10), at(14, 20), ""},
      {7, at(15, 5), at(15, 15), ""},
  };
  for (int i = 0; i < 7; ++i) {
    INFO("break " << i + 1);
    CHECK(breaks[i].after_period == expected[i].after);
    CHECK(breaks[i].start_minute == expected[i].start);
    CHECK(breaks[i].end_minute == expected[i].end);
    CHECK(breaks[i].name == expected[i].name);
  }
  CHECK(breaks_of(schedule_of({{1, at(8, 0), at(8, 45), ""}})).empty());
  CHECK(breaks_of(BellSchedule{}).empty());
}

TEST_CASE("the lesson under way: from its start bell up to, not including, its end bell") {
  const BellSchedule s = default_bell_schedule();
  CHECK_FALSE(period_at(s, 0));
  CHECK_FALSE(period_at(s, at(8, 29)));
  CHECK(period_at(s, at(8, 30)) == 1);
  CHECK(period_at(s, at(9, 14)) == 1);
  CHECK_FALSE(period_at(s, at(9, 15)));  // the end bell has rung
  CHECK_FALSE(period_at(s, at(9, 24)));
  CHECK(period_at(s, at(9, 25)) == 2);
  CHECK_FALSE(period_at(s, at(10, 29)));  // breakfast
  CHECK(period_at(s, at(10, 30)) == 3);
  CHECK(period_at(s, at(12, 9)) == 4);
  CHECK_FALSE(period_at(s, at(12, 10)));
  CHECK(period_at(s, at(15, 59)) == 8);
  CHECK_FALSE(period_at(s, at(16, 0)));
  CHECK_FALSE(period_at(s, at(23, 59)));
  CHECK_FALSE(period_at(BellSchedule{}, at(9, 0)));
}

TEST_CASE("lessons are numbered 1..n in order") {
  CHECK(check_bell_schedule(BellSchedule{"пусто", {}}) ==
        std::string("The bell schedule has no lessons; add at least lesson 1."));
  CHECK(check_bell_schedule(schedule_of({{0, at(8, 0), at(8, 45), ""}})) ==
        std::string("Lesson number 0 stands where lesson 1 should be; number the lessons 1, 2, 3, … in order."));
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 0), at(8, 45), ""}, {3, at(9, 0), at(9, 45), ""}})) ==
        std::string("Lesson number 3 stands where lesson 2 should be; number the lessons 1, 2, 3, … in order."));
  CHECK(check_bell_schedule(schedule_of({{2, at(8, 0), at(8, 45), ""}, {1, at(9, 0), at(9, 45), ""}})));
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 0), at(8, 45), ""}, {1, at(9, 0), at(9, 45), ""}})));
}

TEST_CASE("a lesson ends after it starts") {
  CHECK(check_bell_schedule(schedule_of({{1, at(10, 0), at(10, 0), ""}})) ==
        std::string("Lesson 1 must end after it starts (10:00–10:00); correct its times."));
  CHECK(check_bell_schedule(schedule_of({{1, at(10, 0), at(9, 15), ""}})) ==
        std::string("Lesson 1 must end after it starts (10:00–09:15); correct its times."));
}

TEST_CASE("lessons run between 07:00 and 20:00, ends included") {
  CHECK_FALSE(check_bell_schedule(schedule_of({{1, at(7, 0), at(7, 45), ""}})));
  CHECK(check_bell_schedule(schedule_of({{1, at(6, 59), at(7, 44), ""}})) ==
        std::string("Lesson 1 runs 06:59–07:44; lessons can run only between 07:00 and 20:00."));
  CHECK_FALSE(check_bell_schedule(schedule_of({{1, at(19, 15), at(20, 0), ""}})));
  CHECK(check_bell_schedule(schedule_of({{1, at(19, 16), at(20, 1), ""}})) ==
        std::string("Lesson 1 runs 19:16–20:01; lessons can run only between 07:00 and 20:00."));
  CHECK(check_bell_schedule(schedule_of({{1, -10, 35, ""}})) ==
        std::string("Lesson 1 runs minute -10–00:35; lessons can run only between 07:00 and 20:00."));
}

TEST_CASE("a lesson lasts 30 to 90 minutes") {
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 0), at(8, 29), ""}})) ==
        std::string("Lesson 1 lasts 29 minutes; a lesson lasts from 30 to 90 minutes."));
  CHECK_FALSE(check_bell_schedule(schedule_of({{1, at(8, 0), at(8, 30), ""}})));
  CHECK_FALSE(check_bell_schedule(schedule_of({{1, at(8, 0), at(9, 30), ""}})));
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 0), at(9, 31), ""}})) ==
        std::string("Lesson 1 lasts 91 minutes; a lesson lasts from 30 to 90 minutes."));
}

TEST_CASE("breaks last at least 5 minutes and lessons never overlap") {
  const BellPeriod first{1, at(8, 30), at(9, 15), ""};
  CHECK_FALSE(check_bell_schedule(schedule_of({first, {2, at(9, 20), at(10, 5), ""}})));  // exactly 5
  CHECK(check_bell_schedule(schedule_of({first, {2, at(9, 19), at(10, 4), ""}})) ==
        std::string("The break after lesson 1 lasts 4 minutes; give it at least 5 so pupils can change rooms."));
  CHECK(check_bell_schedule(schedule_of({first, {2, at(9, 15), at(10, 0), ""}})) ==
        std::string("The break after lesson 1 lasts 0 minutes; give it at least 5 so pupils can change rooms."));
  CHECK(check_bell_schedule(schedule_of({first, {2, at(9, 14), at(9, 59), ""}})) ==
        std::string("Lesson 2 starts at 09:14, before lesson 1 ends at 09:15; move it so the two do not "
                    "overlap."));
  // a later lesson listed before an earlier one overlaps nothing but runs backwards: still refused
  CHECK(check_bell_schedule(schedule_of({{1, at(10, 0), at(10, 45), ""}, {2, at(8, 0), at(8, 45), ""}})));
}

TEST_CASE("breaks are called breakfast, lunch or nothing, and the last lesson has none") {
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 30), at(9, 15), "полдник"}, {2, at(9, 35), at(10, 20), ""}})) ==
        std::string("The break after lesson 1 is called \"полдник\"; call it \"завтрак\", \"обед\" or leave the "
                    "name empty."));
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 30), at(9, 15), "Завтрак"}, {2, at(9, 35), at(10, 20), ""}})));
  CHECK(check_bell_schedule(schedule_of({{1, at(8, 30), at(9, 15), ""}, {2, at(9, 35), at(10, 20), "обед"}})) ==
        std::string("Lesson 2 is the last one, so no break follows it to call \"обед\"; clear the name."));
  const BellPeriod lunch_first{1, at(8, 30), at(9, 15), "обед"};
  CHECK_FALSE(check_bell_schedule(schedule_of({lunch_first, {2, at(9, 35), at(10, 20), ""}})));
}

TEST_CASE("which bells ring on which weekday") {
  const WeekBells w = school_week();
  CHECK_FALSE(check_week_bells(w));
  for (int d = 1; d <= 5; ++d) {
    INFO(d);
    CHECK(bells_on(w, d) == &w.variants[0]);
  }
  CHECK(bells_on(w, 6) == &w.variants[1]);
  CHECK(bells_on(w, 7) == nullptr);  // Sunday: no lessons
  CHECK(bells_on(w, 0) == nullptr);
  CHECK(bells_on(w, 8) == nullptr);
  CHECK(bells_on(WeekBells{}, 1) == nullptr);

  WeekBells dangling = w;
  dangling.by_weekday[3] = "сокращённое";
  CHECK(bells_on(dangling, 3) == nullptr);
}

TEST_CASE("a week of bells names real weekdays and real, valid, uniquely named variants") {
  WeekBells w = school_week();

  SECTION("an unknown variant") {
    w.by_weekday[3] = "сокращённое";
    CHECK(check_week_bells(w) ==
          std::string("Wednesday rings bell schedule \"сокращённое\", which does not exist; choose one of the "
                      "school's schedules."));
  }
  SECTION("weekday 0 and 8") {
    w.by_weekday[0] = "основное";
    CHECK(check_week_bells(w) ==
          std::string("Weekday 0 does not exist; use 1 (Monday) to 7 (Sunday)."));
    w.by_weekday.erase(0);
    w.by_weekday[8] = "основное";
    CHECK(check_week_bells(w) ==
          std::string("Weekday 8 does not exist; use 1 (Monday) to 7 (Sunday)."));
  }
  SECTION("a nameless variant") {
    w.variants.push_back(BellSchedule{"", saturday().periods});
    CHECK(check_week_bells(w) == std::string("A bell schedule has no name; name every variant."));
  }
  SECTION("two variants with one name") {
    w.variants.push_back(saturday());
    CHECK(check_week_bells(w) == std::string("Two bell schedules are called \"суббота\"; rename one of them."));
  }
  SECTION("an invalid variant says which one") {
    w.variants[1].periods[3].end_minute = at(11, 50);  // 20 minutes
    CHECK(check_week_bells(w) ==
          std::string("Bell schedule \"суббота\": Lesson 4 lasts 20 minutes; a lesson lasts from 30 to 90 "
                      "minutes."));
  }
  SECTION("a week without days is fine, but a variant nobody rings is still checked") {
    w.by_weekday.clear();
    CHECK_FALSE(check_week_bells(w));
    CHECK_FALSE(check_week_bells(WeekBells{}));
    w.variants[1].periods.clear();
    CHECK(check_week_bells(w) ==
          std::string("Bell schedule \"суббота\": The bell schedule has no lessons; add at least lesson 1."));
  }
}

TEST_CASE("the API's words for the meal breaks") {
  CHECK(break_code(breakfast_break) == "breakfast");
  CHECK(break_code(lunch_break) == "lunch");
  CHECK(break_code("") == "");
  CHECK(break_code("перемена") == "");
  CHECK(break_name_of_code("breakfast") == std::string(breakfast_break));
  CHECK(break_name_of_code("lunch") == std::string(lunch_break));
  CHECK(break_name_of_code("") == std::string());
  CHECK_FALSE(break_name_of_code("завтрак"));  // the stored name is not an API word
  CHECK_FALSE(break_name_of_code("Lunch"));
}
