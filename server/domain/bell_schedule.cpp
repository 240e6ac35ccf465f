// bell_schedule: validation of a day's bells, the breaks they leave, and the default a school starts with.
#include "bell_schedule.hpp"

#include <algorithm>
#include <set>

#include "day_time.hpp"

namespace classbook::domain {

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool is_break_name(std::string_view name) {
  return name.empty() || name == breakfast_break || name == lunch_break;
}

std::optional<std::string> check_period_alone(const BellPeriod& p, int expected_number) {
  const std::string lesson = "Lesson " + std::to_string(p.number);
  if (p.number != expected_number) {
    return "Lesson number " + std::to_string(p.number) + " stands where lesson " +
           std::to_string(expected_number) + " should be; number the lessons 1, 2, 3, … in order.";
  }
  if (p.end_minute <= p.start_minute) {
    return lesson + " must end after it starts (" + format_minute(p.start_minute) + "–" +
           format_minute(p.end_minute) + "); correct its times.";
  }
  if (p.start_minute < earliest_bell_minute || p.end_minute > latest_bell_minute) {
    return lesson + " runs " + format_minute(p.start_minute) + "–" + format_minute(p.end_minute) +
           "; lessons can run only between " + format_minute(earliest_bell_minute) + " and " +
           format_minute(latest_bell_minute) + ".";
  }
  const int length = p.end_minute - p.start_minute;
  if (length < min_lesson_minutes || length > max_lesson_minutes) {
    return lesson + " lasts " + std::to_string(length) + " minutes; a lesson lasts from " +
           std::to_string(min_lesson_minutes) + " to " + std::to_string(max_lesson_minutes) + " minutes.";
  }
  if (!is_break_name(p.break_after_name)) {
    return "The break after lesson " + std::to_string(p.number) + " is called " + quoted(p.break_after_name) +
           "; call it " + quoted(breakfast_break) + ", " + quoted(lunch_break) + " or leave the name empty.";
  }
  return std::nullopt;
}

std::optional<std::string> check_gap(const BellPeriod& before, const BellPeriod& after) {
  if (after.start_minute < before.end_minute) {
    return "Lesson " + std::to_string(after.number) + " starts at " + format_minute(after.start_minute) +
           ", before lesson " + std::to_string(before.number) + " ends at " +
           format_minute(before.end_minute) + "; move it so the two do not overlap.";
  }
  const int gap = after.start_minute - before.end_minute;
  if (gap < min_break_minutes) {
    return "The break after lesson " + std::to_string(before.number) + " lasts " + std::to_string(gap) +
           " minutes; give it at least " + std::to_string(min_break_minutes) + " so pupils can change rooms.";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_bell_schedule(const BellSchedule& schedule) {
  const auto& periods = schedule.periods;
  if (periods.empty()) return "The bell schedule has no lessons; add at least lesson 1.";
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (auto problem = check_period_alone(periods[i], static_cast<int>(i) + 1)) return problem;
    if (i > 0) {
      if (auto problem = check_gap(periods[i - 1], periods[i])) return problem;
    }
  }
  const BellPeriod& last = periods.back();
  if (!last.break_after_name.empty()) {
    return "Lesson " + std::to_string(last.number) + " is the last one, so no break follows it to call " +
           quoted(last.break_after_name) + "; clear the name.";
  }
  return std::nullopt;
}

std::optional<std::string> check_week_bells(const WeekBells& week) {
  std::set<std::string> names;
  for (const BellSchedule& s : week.variants) {
    if (s.variant.empty()) return "A bell schedule has no name; name every variant.";
    if (!names.insert(s.variant).second) {
      return "Two bell schedules are called " + quoted(s.variant) + "; rename one of them.";
    }
    if (auto problem = check_bell_schedule(s)) return "Bell schedule " + quoted(s.variant) + ": " + *problem;
  }
  for (const auto& [weekday, variant] : week.by_weekday) {
    if (!is_weekday(weekday)) {
      return "Weekday " + std::to_string(weekday) + " does not exist; use 1 (Monday) to 7 (Sunday).";
    }
    if (names.count(variant) == 0) {
      return weekday_name(weekday) + " rings bell schedule " + quoted(variant) +
             ", which does not exist; choose one of the school's schedules.";
    }
  }
  return std::nullopt;
}

const BellSchedule* bells_on(const WeekBells& week, int weekday) {
  if (!is_weekday(weekday)) return nullptr;
  const auto day = week.by_weekday.find(weekday);
  if (day == week.by_weekday.end()) return nullptr;
  const auto it = std::find_if(week.variants.begin(), week.variants.end(),
                               [&](const BellSchedule& s) { return s.variant == day->second; });
  return it == week.variants.end() ? nullptr : &*it;
}

std::vector<Break> breaks_of(const BellSchedule& schedule) {
  std::vector<Break> breaks;
  const auto& periods = schedule.periods;
  for (std::size_t i = 1; i < periods.size(); ++i) {
    const BellPeriod& before = periods[i - 1];
    breaks.push_back(
        Break{before.number, before.end_minute, periods[i].start_minute, before.break_after_name});
  }
  return breaks;
}

std::optional<int> period_at(const BellSchedule& schedule, int minute) {
  for (const BellPeriod& p : schedule.periods) {
    if (p.start_minute <= minute && minute < p.end_minute) return p.number;
  }
  return std::nullopt;
}

namespace {
constexpr std::string_view breakfast_code = "breakfast";
constexpr std::string_view lunch_code = "lunch";
}  // namespace

std::string break_code(std::string_view break_name) {
  if (break_name == breakfast_break) return std::string(breakfast_code);
  if (break_name == lunch_break) return std::string(lunch_code);
  return "";
}

std::optional<std::string> break_name_of_code(std::string_view code) {
  if (code.empty()) return std::string();
  if (code == breakfast_code) return std::string(breakfast_break);
  if (code == lunch_code) return std::string(lunch_break);
  return std::nullopt;
}

BellSchedule default_bell_schedule() {
  constexpr int first_bell = 8 * 60 + 30;
  constexpr int lessons = 8;
  constexpr int lesson_minutes = 45;
  constexpr int break_minutes = 10;
  constexpr int meal_break_minutes = 20;
  constexpr int breakfast_after = 2;
  constexpr int lunch_after = 4;

  BellSchedule s{"основное", {}};
  int start = first_bell;
  for (int n = 1; n <= lessons; ++n) {
    std::string meal;
    if (n == breakfast_after) meal = breakfast_break;
    if (n == lunch_after) meal = lunch_break;
    const int end = start + lesson_minutes;
    const int next_start = end + (meal.empty() ? break_minutes : meal_break_minutes);
    s.periods.push_back(BellPeriod{n, start, end, std::move(meal)});
    start = next_start;
  }
  return s;
}

}  // namespace classbook::domain
