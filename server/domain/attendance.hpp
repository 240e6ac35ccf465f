// attendance: presence at a lesson, absence notices that excuse it, and entrance taps compared with it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

enum class Presence { present, absent_illness, absent_excused, absent_unexcused, late };
const char* to_string(Presence p);                          // "present", "absent_illness", …
std::optional<Presence> parse_presence(std::string_view s);  // inverse of to_string
bool is_absence(Presence p);
bool is_excused(Presence p);  // illness and excused absences

constexpr int max_late_minutes = 45;  // a lesson's length: later than that is an absence

struct AttendanceMark {
  long long student_id = 0;
  Presence presence = Presence::present;
  int late_minutes = 0;  // only for `late`, 1..max_late_minutes
};
// None when fine, else what to change: the pupil must be named (id > 0); `late` needs
// 1..max_late_minutes minutes and every other presence exactly 0, so a stale number never lingers.
std::optional<std::string> check_attendance(const AttendanceMark& m);

enum class NoticeReason { illness, family, competition, other };
const char* to_string(NoticeReason r);
std::optional<NoticeReason> parse_notice_reason(std::string_view s);

// A guardian's notice that a child will be (or was) away from `from` to `to`, inclusive.
struct AbsenceNotice {
  long long student_id = 0;
  Date from;
  Date to;
  NoticeReason reason = NoticeReason::other;
};
constexpr int max_notice_days = 31;
// None when fine: a named pupil, real dates, `from` not after `to`, at most max_notice_days days
// counting both ends.
std::optional<std::string> check_notice(const AbsenceNotice& n);

// How far back a guardian's notice may reach: 14 calendar days (two school weeks) by default, the
// school's setting `notice_days_back` otherwise. Older absences are the class teacher's to excuse,
// with the paper in hand; a guardian's account must not be able to clean up a term's truancy.
constexpr int default_notice_days_back = 14;
// None when fine: the notice's first day is no more than `days_back` calendar days before `today`
// (notices for the future are fine); else a message naming the limit and the class teacher.
std::optional<std::string> check_notice_reach(const AbsenceNotice& n, Date today, int days_back);

// What an unexcused absence on `day` becomes given the notices for that pupil: illness notices
// make it absent_illness, others absent_excused; present, late and already-excused stay as they are.
// When an illness notice and another notice both cover the day, illness wins: it is the stronger
// excuse and what the school doctor's records will say.
Presence apply_notices(Presence recorded, Date day, long long student_id,
                       const std::vector<AbsenceNotice>& notices);

// Absence counts per subject and term.
struct AbsenceCount {
  int total = 0;    // every absence, excused or not; late arrivals are not absences
  int excused = 0;  // the part of `total` that is excused (illness or notice)
  int late = 0;     // late arrivals, counted apart
};
AbsenceCount count_absences(const std::vector<Presence>& lessons);

// "In the building but absent from the lesson": the pupil's last entrance tap before the lesson
// ended says "in" while the lesson says absent. Times are minutes since local midnight.
struct EntranceTap {
  int minute = 0;
  bool in = true;
};
// The last tap at or before `minute` decides (of taps in the same minute, the later one in the list);
// before any tap the pupil is outside.
bool inside_at(const std::vector<EntranceTap>& taps_of_day, int minute);  // taps sorted by minute
// Any kind of absence counts, excused too: the class teacher wants to know either way. A tap in the
// lesson's last minute `lesson_end_minute` is after the lesson. A lesson that does not end after it
// starts never disagrees.
bool entrance_disagrees(Presence lesson, const std::vector<EntranceTap>& taps_of_day,
                        int lesson_start_minute, int lesson_end_minute);

}  // namespace classbook::domain
