// Tests of attendance: presence values, notices, counts, and the entrance-tap cross-check.
#include <catch2/catch.hpp>

#include "domain/attendance.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

constexpr int minute_of(int h, int m) { return h * 60 + m; }

const Presence all_presences[] = {Presence::present, Presence::absent_illness, Presence::absent_excused,
                                  Presence::absent_unexcused, Presence::late};

}  // namespace

TEST_CASE("presence names round-trip") {
  const char* names[] = {"present", "absent_illness", "absent_excused", "absent_unexcused", "late"};
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(std::string(to_string(all_presences[i])) == names[i]);
    CHECK(parse_presence(names[i]) == all_presences[i]);
  }
  for (const char* bad : {"", "Present", "absent", "late ", "excused"}) {
    INFO(bad);
    CHECK_FALSE(parse_presence(bad));
  }
}

TEST_CASE("which presences are absences and which are excused") {
  CHECK_FALSE(is_absence(Presence::present));
  CHECK(is_absence(Presence::absent_illness));
  CHECK(is_absence(Presence::absent_excused));
  CHECK(is_absence(Presence::absent_unexcused));
  CHECK_FALSE(is_absence(Presence::late));

  CHECK_FALSE(is_excused(Presence::present));
  CHECK(is_excused(Presence::absent_illness));
  CHECK(is_excused(Presence::absent_excused));
  CHECK_FALSE(is_excused(Presence::absent_unexcused));
  CHECK_FALSE(is_excused(Presence::late));
}

TEST_CASE("attendance marks: minutes late go only with late, 1..45") {
  CHECK(max_late_minutes == 45);
  CHECK_FALSE(check_attendance({7, Presence::present, 0}));
  CHECK_FALSE(check_attendance({7, Presence::absent_unexcused, 0}));
  CHECK_FALSE(check_attendance({7, Presence::late, 1}));
  CHECK_FALSE(check_attendance({7, Presence::late, 45}));

  const std::string bad_late =
      "A late arrival needs the minutes late, from 1 to 45; later than that, mark the pupil absent.";
  CHECK(check_attendance({7, Presence::late, 0}) == bad_late);
  CHECK(check_attendance({7, Presence::late, 46}) == bad_late);
  CHECK(check_attendance({7, Presence::late, -3}) == bad_late);

  const std::string stray = "Minutes late go only with \"late\"; clear them or mark the pupil late.";
  CHECK(check_attendance({7, Presence::present, 10}) == stray);
  CHECK(check_attendance({7, Presence::absent_illness, 5}) == stray);

  CHECK(check_attendance({0, Presence::present, 0}) ==
        std::string("The attendance mark names no pupil; choose the pupil again."));
  CHECK(check_attendance({-1, Presence::late, 5}));
}

TEST_CASE("notice reasons round-trip") {
  const NoticeReason reasons[] = {NoticeReason::illness, NoticeReason::family, NoticeReason::competition,
                                  NoticeReason::other};
  const char* names[] = {"illness", "family", "competition", "other"};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(std::string(to_string(reasons[i])) == names[i]);
    CHECK(parse_notice_reason(names[i]) == reasons[i]);
  }
  CHECK_FALSE(parse_notice_reason(""));
  CHECK_FALSE(parse_notice_reason("Illness"));
  CHECK_FALSE(parse_notice_reason("sick"));
}

TEST_CASE("notices cover one to 31 days, counting both ends") {
  CHECK(max_notice_days == 31);
  CHECK_FALSE(check_notice({7, ymd(2026, 11, 23), ymd(2026, 11, 23), NoticeReason::illness}));
  CHECK_FALSE(check_notice({7, ymd(2026, 11, 1), ymd(2026, 12, 1), NoticeReason::family}));  // 31 days
  CHECK(check_notice({7, ymd(2026, 11, 1), ymd(2026, 12, 2), NoticeReason::family}) ==
        std::string("A notice can cover at most 31 days; end this one on 2026-12-01 and send another "
                    "for the days after."));
  CHECK_FALSE(check_notice({7, ymd(2028, 2, 1), ymd(2028, 3, 2), NoticeReason::other}));  // 31 in a leap year
  CHECK(check_notice({7, ymd(2028, 2, 1), ymd(2028, 3, 3), NoticeReason::other}));
  CHECK_FALSE(check_notice({7, ymd(2026, 12, 20), ymd(2027, 1, 19), NoticeReason::other}));
}

TEST_CASE("a guardian's notice reaches at most the configured number of days back") {
  CHECK(default_notice_days_back == 14);
  const auto today = ymd(2026, 12, 4);
  CHECK_FALSE(check_notice_reach({7, ymd(2026, 11, 20), ymd(2026, 11, 24), NoticeReason::illness}, today, 14));  // the 14th day back
  CHECK_FALSE(check_notice_reach({7, ymd(2026, 12, 4), ymd(2026, 12, 4), NoticeReason::illness}, today, 14));
  CHECK_FALSE(check_notice_reach({7, ymd(2026, 12, 10), ymd(2026, 12, 11), NoticeReason::family}, today, 14));  // ahead
  CHECK(check_notice_reach({7, ymd(2026, 11, 19), ymd(2026, 11, 24), NoticeReason::illness}, today, 14) ==
        std::string("A guardian's notice can excuse absences at most 14 days back, from 2026-11-20; "
                    "for earlier days contact the class teacher."));
  CHECK(check_notice_reach({7, ymd(2026, 9, 1), ymd(2026, 12, 4), NoticeReason::other}, today, 14));  // a term's truancy
  CHECK_FALSE(check_notice_reach({7, ymd(2026, 11, 19), ymd(2026, 11, 19), NoticeReason::other}, today, 30));  // a school's own limit
  CHECK(check_notice_reach({7, ymd(2026, 12, 3), ymd(2026, 12, 3), NoticeReason::other}, today, 0));
}

TEST_CASE("malformed notices say what to fix") {
  CHECK(check_notice({7, ymd(2026, 11, 25), ymd(2026, 11, 24), NoticeReason::illness}) ==
        std::string("The last day of the absence is before the first; swap or correct the dates."));
  CHECK(check_notice({0, ymd(2026, 11, 23), ymd(2026, 11, 24), NoticeReason::illness}) ==
        std::string("The notice names no child; choose the child it is for."));
  CHECK(check_notice({7, ymd(2026, 11, 31), ymd(2026, 12, 2), NoticeReason::illness}) ==
        std::string("The notice needs real calendar dates; pick them again."));
}

TEST_CASE("notices excuse only the matching pupil on the covered days") {
  const std::vector<AbsenceNotice> notices{
      {7, ymd(2026, 11, 23), ymd(2026, 11, 25), NoticeReason::illness},
      {7, ymd(2026, 11, 27), ymd(2026, 11, 27), NoticeReason::family},
      {8, ymd(2026, 11, 30), ymd(2026, 11, 30), NoticeReason::competition},
  };
  const auto unexcused = Presence::absent_unexcused;
  CHECK(apply_notices(unexcused, ymd(2026, 11, 22), 7, notices) == unexcused);  // day before
  CHECK(apply_notices(unexcused, ymd(2026, 11, 23), 7, notices) == Presence::absent_illness);
  CHECK(apply_notices(unexcused, ymd(2026, 11, 25), 7, notices) == Presence::absent_illness);  // last day
  CHECK(apply_notices(unexcused, ymd(2026, 11, 26), 7, notices) == unexcused);  // gap
  CHECK(apply_notices(unexcused, ymd(2026, 11, 27), 7, notices) == Presence::absent_excused);
  CHECK(apply_notices(unexcused, ymd(2026, 11, 30), 7, notices) == unexcused);  // a classmate's notice
  CHECK(apply_notices(unexcused, ymd(2026, 11, 30), 8, notices) == Presence::absent_excused);
  CHECK(apply_notices(unexcused, ymd(2026, 11, 23), 8, notices) == unexcused);
  CHECK(apply_notices(unexcused, ymd(2026, 11, 23), 7, {}) == unexcused);
}

TEST_CASE("notices leave present, late and already excused lessons as recorded") {
  const std::vector<AbsenceNotice> notices{{7, ymd(2026, 11, 23), ymd(2026, 11, 25), NoticeReason::illness}};
  CHECK(apply_notices(Presence::present, ymd(2026, 11, 24), 7, notices) == Presence::present);
  CHECK(apply_notices(Presence::late, ymd(2026, 11, 24), 7, notices) == Presence::late);
  CHECK(apply_notices(Presence::absent_excused, ymd(2026, 11, 24), 7, notices) == Presence::absent_excused);
  CHECK(apply_notices(Presence::absent_illness, ymd(2026, 11, 24), 7, notices) == Presence::absent_illness);
}

TEST_CASE("when notices overlap, illness wins whatever their order") {
  const AbsenceNotice family{7, ymd(2026, 11, 20), ymd(2026, 11, 30), NoticeReason::family};
  const AbsenceNotice illness{7, ymd(2026, 11, 24), ymd(2026, 11, 24), NoticeReason::illness};
  CHECK(apply_notices(Presence::absent_unexcused, ymd(2026, 11, 24), 7, {family, illness}) ==
        Presence::absent_illness);
  CHECK(apply_notices(Presence::absent_unexcused, ymd(2026, 11, 24), 7, {illness, family}) ==
        Presence::absent_illness);
  CHECK(apply_notices(Presence::absent_unexcused, ymd(2026, 11, 25), 7, {illness, family}) ==
        Presence::absent_excused);
}

TEST_CASE("absence counts") {
  CHECK(count_absences({}).total == 0);
  const auto c = count_absences({Presence::present, Presence::absent_illness, Presence::absent_excused,
                                 Presence::absent_unexcused, Presence::late, Presence::late,
                                 Presence::absent_unexcused, Presence::present});
  CHECK(c.total == 4);
  CHECK(c.excused == 2);
  CHECK(c.late == 2);
  const auto only_late = count_absences({Presence::late, Presence::late, Presence::late});
  CHECK(only_late.total == 0);
  CHECK(only_late.excused == 0);
  CHECK(only_late.late == 3);
  const auto present = count_absences({Presence::present, Presence::present});
  CHECK(present.total == 0);
  CHECK(present.excused == 0);
  CHECK(present.late == 0);
}

TEST_CASE("inside the building: the last tap at or before the minute decides") {
  const std::vector<EntranceTap> taps{{minute_of(8, 0), true}, {minute_of(11, 40), false},
                                      {minute_of(12, 0), true}};
  CHECK_FALSE(inside_at(taps, minute_of(7, 59)));
  CHECK(inside_at(taps, minute_of(8, 0)));
  CHECK(inside_at(taps, minute_of(11, 39)));
  CHECK_FALSE(inside_at(taps, minute_of(11, 40)));
  CHECK_FALSE(inside_at(taps, minute_of(11, 59)));
  CHECK(inside_at(taps, minute_of(12, 0)));
  CHECK(inside_at(taps, minute_of(23, 59)));
  CHECK_FALSE(inside_at({}, minute_of(10, 0)));
  // two taps in one minute: the later one in the list decides
  CHECK_FALSE(inside_at({{600, true}, {600, false}}, 600));
  CHECK(inside_at({{600, false}, {600, true}}, 600));
  // a pupil who only ever tapped out is outside
  CHECK_FALSE(inside_at({{600, false}}, 700));
}

TEST_CASE("in the building but absent from the lesson") {
  const int start = minute_of(9, 0);
  const int end = minute_of(9, 45);
  const std::vector<EntranceTap> arrived{{minute_of(8, 10), true}};

  CHECK(entrance_disagrees(Presence::absent_unexcused, arrived, start, end));
  CHECK(entrance_disagrees(Presence::absent_illness, arrived, start, end));
  CHECK(entrance_disagrees(Presence::absent_excused, arrived, start, end));
  CHECK_FALSE(entrance_disagrees(Presence::present, arrived, start, end));
  CHECK_FALSE(entrance_disagrees(Presence::late, arrived, start, end));

  const auto absent = Presence::absent_unexcused;
  CHECK_FALSE(entrance_disagrees(absent, {}, start, end));  // never came
  CHECK_FALSE(entrance_disagrees(absent, {{minute_of(8, 10), true}, {minute_of(8, 30), false}}, start, end));
  CHECK(entrance_disagrees(absent, {{minute_of(9, 44), true}}, start, end));   // came in the last minute
  CHECK_FALSE(entrance_disagrees(absent, {{minute_of(9, 45), true}}, start, end));  // came when it ended
  CHECK_FALSE(entrance_disagrees(absent, {{minute_of(10, 30), true}}, start, end));  // came later
  // left during the lesson: the last tap before the end says "out"
  CHECK_FALSE(entrance_disagrees(absent, {{minute_of(8, 10), true}, {minute_of(9, 20), false}}, start, end));
  // left and came back before the end
  CHECK(entrance_disagrees(absent,
                           {{minute_of(8, 10), true}, {minute_of(9, 5), false}, {minute_of(9, 30), true}},
                           start, end));
  // a lesson that does not end after it starts cannot disagree
  CHECK_FALSE(entrance_disagrees(absent, arrived, start, start));
  CHECK_FALSE(entrance_disagrees(absent, arrived, end, start));
}

TEST_CASE("every presence survives to_string and parse") {
  for (Presence p : all_presences) CHECK(parse_presence(to_string(p)) == p);
}
