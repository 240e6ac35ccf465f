// bell_schedule: when lessons start and end, the breaks between them, and which bells ring on which weekday.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::domain {

// Times are minutes since local midnight (08:30 is 510); day_time.hpp reads and writes them.
constexpr int earliest_bell_minute = 7 * 60;  // 07:00: no lesson starts earlier
constexpr int latest_bell_minute = 20 * 60;   // 20:00: no lesson ends later
constexpr int min_break_minutes = 5;          // pupils must be able to change rooms
constexpr int min_lesson_minutes = 30;
constexpr int max_lesson_minutes = 90;  // a double lesson is the longest a school books as one

// The names of the meal breaks, as the school says them; any other break is unnamed.
inline constexpr std::string_view breakfast_break = "завтрак";
inline constexpr std::string_view lunch_break = "обед";

struct BellPeriod {
  int number = 0;  // 1-based lesson number within the day
  int start_minute = 0;
  int end_minute = 0;            // the bell that ends the lesson: the lesson occupies [start, end)
  std::string break_after_name;  // breakfast_break, lunch_break or "" for an ordinary break
};

// One way of ringing a day: "основное", "сокращённое", "суббота", … The name is the key WeekBells uses.
struct BellSchedule {
  std::string variant;
  std::vector<BellPeriod> periods;  // in lesson order
};

// Which variant rings on which ISO weekday (Monday = 1 … Sunday = 7); a day without an entry has no lessons.
struct WeekBells {
  std::map<int, std::string> by_weekday;
  std::vector<BellSchedule> variants;
};

// None when the schedule can be used, else the first problem and what to change:
// - at least one lesson, numbered 1, 2, … n in list order;
// - each lesson starts before it ends, lasts min_lesson_minutes..max_lesson_minutes, and lies
//   within earliest_bell_minute..latest_bell_minute (a lesson may end exactly at 20:00);
// - lessons do not overlap and every break lasts at least min_break_minutes;
// - a break name is breakfast_break, lunch_break or empty, and the last lesson has none: a break
//   needs a lesson after it to end.
std::optional<std::string> check_bell_schedule(const BellSchedule& schedule);

// None when every weekday key is 1..7, variant names are unique and not empty, every weekday names
// a variant that exists, and every variant passes check_bell_schedule.
std::optional<std::string> check_week_bells(const WeekBells& week);

// The schedule that rings on `weekday`; null on a day without lessons, for a weekday outside 1..7,
// or when the weekday names a variant that does not exist. Points into `week`.
const BellSchedule* bells_on(const WeekBells& week, int weekday);

struct Break {
  int after_period = 0;
  int start_minute = 0;  // the bell that ends `after_period`
  int end_minute = 0;    // the bell that starts the next lesson
  std::string name;      // breakfast_break, lunch_break or ""
};
// Every break between two lessons, meal breaks included, in order. Expects a checked schedule.
std::vector<Break> breaks_of(const BellSchedule& schedule);

// The lesson under way at `minute`: the one with start <= minute < end. At the ringing of the
// end bell the lesson is over, so a break or the end of the day gives none.
std::optional<int> period_at(const BellSchedule& schedule, int minute);

// The API's words for the named breaks: "breakfast" for breakfast_break, "lunch" for lunch_break.
// break_code gives "" for an unnamed break (and for a name that is not a meal break);
// break_name_of_code gives none for a word it does not know, and "" for "".
std::string break_code(std::string_view break_name);
std::optional<std::string> break_name_of_code(std::string_view code);

// A new school's schedule, variant "основное": 8 lessons of 45 minutes from 08:30, 10-minute
// breaks, a 20-minute breakfast after lesson 2 and a 20-minute lunch after lesson 4; the last
// lesson ends at 16:00.
BellSchedule default_bell_schedule();

}  // namespace classbook::domain
