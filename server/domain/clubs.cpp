// clubs: validation of a club's weekly sessions and their comparison with the day's lessons.
#include "clubs.hpp"

#include <algorithm>
#include <iterator>

#include "day_time.hpp"

namespace classbook::domain {

namespace {

std::string times_of(const ClubSession& s) {
  return format_minute(s.start_minute) + "–" + format_minute(s.end_minute);
}

std::string session_words(const ClubSession& s) {
  return "The session on " + weekday_name(s.weekday) + " " + times_of(s);
}

std::optional<std::string> check_session(const ClubSession& s) {
  if (!is_weekday(s.weekday)) {
    return "A club session is on weekday " + std::to_string(s.weekday) + "; use 1 (Monday) to 7 (Sunday).";
  }
  if (s.end_minute <= s.start_minute) {
    return session_words(s) + " must end after it starts; correct its times.";
  }
  if (s.start_minute < earliest_club_minute || s.end_minute > latest_club_minute) {
    return session_words(s) + " runs outside " + format_minute(earliest_club_minute) + "–" +
           format_minute(latest_club_minute) + "; clubs meet only within those hours.";
  }
  return std::nullopt;
}

bool overlap(const ClubSession& a, const ClubSession& b) {
  return a.weekday == b.weekday && a.start_minute < b.end_minute && b.start_minute < a.end_minute;
}

// When a pupil's lessons run: [start of lesson 1, end of the last lesson).
struct LessonSpan {
  int start = 0;
  int end = 0;
};

const BellPeriod* find_period(const BellSchedule& bells, int number) {
  const auto it = std::find_if(bells.periods.begin(), bells.periods.end(),
                               [number](const BellPeriod& p) { return p.number == number; });
  return it == bells.periods.end() ? nullptr : &*it;
}

void add_clashes(const std::vector<ClubSession>& sessions, LessonSpan span, std::vector<std::string>& out) {
  for (const ClubSession& s : sessions) {
    if (s.start_minute < span.end && s.end_minute > span.start) {
      out.push_back(session_words(s) + " starts before the lessons of the day end at " +
                    format_minute(span.end) + "; start it at " + format_minute(span.end) +
                    " or later, or end it by " + format_minute(span.start) + ".");
    }
  }
}

// `rung_on` names the weekday for a week-wide check, so a missing lesson can be found; "" for one day.
std::vector<std::string> clashes_on_day(const std::vector<ClubSession>& sessions, const BellSchedule& bells,
                                        int last_period_of_day, const std::string& rung_on) {
  std::vector<std::string> clashes;
  if (last_period_of_day <= 0 || sessions.empty()) return clashes;
  const BellPeriod* first = find_period(bells, 1);
  const BellPeriod* last = find_period(bells, last_period_of_day);
  if (first == nullptr || last == nullptr) {
    const int missing = first == nullptr ? 1 : last_period_of_day;
    clashes.push_back("The bell schedule \"" + bells.variant + "\"" + rung_on + " has no lesson " +
                      std::to_string(missing) + ", so clubs cannot be compared with the lessons; " +
                      "check the pupil's timetable and the bells.");
    return clashes;
  }
  add_clashes(sessions, LessonSpan{first->start_minute, last->end_minute}, clashes);
  return clashes;
}

}  // namespace

std::optional<std::string> check_club_sessions(const std::vector<ClubSession>& sessions) {
  for (const ClubSession& s : sessions) {
    if (auto problem = check_session(s)) return problem;
  }
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    for (std::size_t j = i + 1; j < sessions.size(); ++j) {
      if (overlap(sessions[i], sessions[j])) {
        return "The sessions on " + weekday_name(sessions[i].weekday) + " " + times_of(sessions[i]) +
               " and " + times_of(sessions[j]) + " overlap; move one of them.";
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> clashes_with_lessons(const std::vector<ClubSession>& sessions,
                                              const BellSchedule& bells, int last_period_of_day) {
  return clashes_on_day(sessions, bells, last_period_of_day, "");
}

std::vector<std::string> clashes_with_lessons(const std::vector<ClubSession>& sessions, const WeekBells& week,
                                              const std::map<int, int>& last_period_by_weekday) {
  std::vector<std::string> clashes;
  for (int weekday = 1; weekday <= 7; ++weekday) {
    const BellSchedule* bells = bells_on(week, weekday);
    const auto last = last_period_by_weekday.find(weekday);
    if (bells == nullptr || last == last_period_by_weekday.end()) continue;
    std::vector<ClubSession> of_day;
    std::copy_if(sessions.begin(), sessions.end(), std::back_inserter(of_day),
                 [weekday](const ClubSession& s) { return s.weekday == weekday; });
    for (std::string& clash :
         clashes_on_day(of_day, *bells, last->second, " rung on " + weekday_name(weekday))) {
      clashes.push_back(std::move(clash));
    }
  }
  return clashes;
}

}  // namespace classbook::domain
