// attendance: presence values, notices that excuse absences, counts, and the entrance cross-check.
#include "attendance.hpp"

#include <array>

namespace classbook::domain {

namespace {

constexpr std::array presences{Presence::present, Presence::absent_illness, Presence::absent_excused,
                               Presence::absent_unexcused, Presence::late};
constexpr std::array notice_reasons{NoticeReason::illness, NoticeReason::family,
                                    NoticeReason::competition, NoticeReason::other};

// One table per enum keeps to_string and parse exact inverses.
template <class Enum, std::size_t N>
std::optional<Enum> parse_by_name(const std::array<Enum, N>& values, std::string_view s) {
  for (Enum v : values) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

bool covers(const AbsenceNotice& n, Date day, long long student_id) {
  return n.student_id == student_id && n.from <= day && day <= n.to;
}

}  // namespace

const char* to_string(Presence p) {
  switch (p) {
    case Presence::present: return "present";
    case Presence::absent_illness: return "absent_illness";
    case Presence::absent_excused: return "absent_excused";
    case Presence::absent_unexcused: return "absent_unexcused";
    case Presence::late: return "late";
  }
  return "unknown";
}

std::optional<Presence> parse_presence(std::string_view s) { return parse_by_name(presences, s); }

bool is_absence(Presence p) {
  return p == Presence::absent_illness || p == Presence::absent_excused ||
         p == Presence::absent_unexcused;
}

bool is_excused(Presence p) { return p == Presence::absent_illness || p == Presence::absent_excused; }

std::optional<std::string> check_attendance(const AttendanceMark& m) {
  if (m.student_id <= 0) return "The attendance mark names no pupil; choose the pupil again.";
  if (m.presence == Presence::late) {
    if (m.late_minutes < 1 || m.late_minutes > max_late_minutes) {
      return "A late arrival needs the minutes late, from 1 to " + std::to_string(max_late_minutes) +
             "; later than that, mark the pupil absent.";
    }
    return std::nullopt;
  }
  if (m.late_minutes != 0) return "Minutes late go only with \"late\"; clear them or mark the pupil late.";
  return std::nullopt;
}

const char* to_string(NoticeReason r) {
  switch (r) {
    case NoticeReason::illness: return "illness";
    case NoticeReason::family: return "family";
    case NoticeReason::competition: return "competition";
    case NoticeReason::other: return "other";
  }
  return "unknown";
}

std::optional<NoticeReason> parse_notice_reason(std::string_view s) {
  return parse_by_name(notice_reasons, s);
}

std::optional<std::string> check_notice(const AbsenceNotice& n) {
  if (n.student_id <= 0) return "The notice names no child; choose the child it is for.";
  if (!n.from.ok() || !n.to.ok()) return "The notice needs real calendar dates; pick them again.";
  if (n.to < n.from) return "The last day of the absence is before the first; swap or correct the dates.";
  if (add_days(n.from, max_notice_days - 1) < n.to) {
    return "A notice can cover at most " + std::to_string(max_notice_days) + " days; end this one on " +
           format_date(add_days(n.from, max_notice_days - 1)) + " and send another for the days after.";
  }
  return std::nullopt;
}

std::optional<std::string> check_notice_reach(const AbsenceNotice& n, Date today, int days_back) {
  const Date earliest = add_days(today, -days_back);
  if (!(n.from < earliest)) return std::nullopt;
  return "A guardian's notice can excuse absences at most " + std::to_string(days_back) +
         " days back, from " + format_date(earliest) + "; for earlier days contact the class teacher.";
}

Presence apply_notices(Presence recorded, Date day, long long student_id,
                       const std::vector<AbsenceNotice>& notices) {
  if (recorded != Presence::absent_unexcused) return recorded;
  bool excused = false;
  for (const AbsenceNotice& n : notices) {
    if (!covers(n, day, student_id)) continue;
    if (n.reason == NoticeReason::illness) return Presence::absent_illness;
    excused = true;
  }
  return excused ? Presence::absent_excused : recorded;
}

AbsenceCount count_absences(const std::vector<Presence>& lessons) {
  AbsenceCount c;
  for (Presence p : lessons) {
    if (is_absence(p)) ++c.total;
    if (is_excused(p)) ++c.excused;
    if (p == Presence::late) ++c.late;
  }
  return c;
}

bool inside_at(const std::vector<EntranceTap>& taps_of_day, int minute) {
  bool inside = false;
  for (const EntranceTap& t : taps_of_day) {
    if (t.minute > minute) break;
    inside = t.in;
  }
  return inside;
}

bool entrance_disagrees(Presence lesson, const std::vector<EntranceTap>& taps_of_day,
                        int lesson_start_minute, int lesson_end_minute) {
  if (!is_absence(lesson) || lesson_end_minute <= lesson_start_minute) return false;
  return inside_at(taps_of_day, lesson_end_minute - 1);
}

}  // namespace classbook::domain
