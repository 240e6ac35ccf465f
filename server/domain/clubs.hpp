// clubs: after-school clubs — when their sessions meet, and whether they clash with a pupil's lessons.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bell_schedule.hpp"

namespace classbook::domain {

// The hours the sanitary rules allow for pupils' extra classes.
constexpr int earliest_club_minute = 8 * 60;  // 08:00
constexpr int latest_club_minute = 20 * 60;   // 20:00: a session may end exactly then

// One weekly meeting of a club. Minutes since local midnight; the session occupies [start, end).
struct ClubSession {
  int weekday = 0;  // ISO: Monday = 1 … Sunday = 7
  int start_minute = 0;
  int end_minute = 0;
};

// None when every session has a weekday 1..7, ends after it starts, lies within
// earliest_club_minute..latest_club_minute, and no two sessions of the club overlap on one
// weekday (one ending when the next starts is fine). A club with no sessions yet is fine.
std::optional<std::string> check_club_sessions(const std::vector<ClubSession>& sessions);

// The sessions that collide with a pupil's lessons on one day, in words, in list order. The lessons
// run from the start of lesson 1 to the end of `last_period_of_day` in `bells`; a session clashes
// when it starts before they end and ends after they start, so a session starting at the last bell,
// or a morning one ending by the first, does not. Every session given is compared with this day
// whatever its weekday: pass one weekday's sessions. A last period of 0 or less means no lessons;
// a last period the schedule does not have is reported instead of guessed.
std::vector<std::string> clashes_with_lessons(const std::vector<ClubSession>& sessions,
                                              const BellSchedule& bells, int last_period_of_day);

// The same for a whole week: each session against the bells of its weekday (bells_on) and the
// pupil's last period that weekday, in weekday order and then list order. A weekday without bells
// or without an entry has no lessons.
std::vector<std::string> clashes_with_lessons(const std::vector<ClubSession>& sessions, const WeekBells& week,
                                              const std::map<int, int>& last_period_by_weekday);

}  // namespace classbook::domain
