// Tests of timetable_fit: which per-date changes a class's new week leaves without their lesson or clashing.
#include <catch2/catch.hpp>

#include "domain/timetable_fit.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

const Date tuesday = ymd(2026, 12, 1);   // iso weekday 2
const Date wednesday = ymd(2026, 12, 2);
const IdNamer names;

constexpr long long klass = 10, other_class = 11;
constexpr long long maths = 1, physics = 2;
constexpr long long ivanova = 100, petrov = 101, sidorov = 102;

TimetableSlot slot(long long class_id, int weekday, int period, long long subject, long long teacher, int group = 0) {
  return TimetableSlot{class_id, weekday, period, group, subject, teacher, std::nullopt};
}

TimetableChange change(ChangeKind kind, Date date, long long class_id, int period, int group = 0) {
  TimetableChange c;
  c.kind = kind;
  c.date = date;
  c.class_id = class_id;
  c.period = period;
  c.group_no = group;
  return c;
}

TimetableChange substitution(Date date, long long class_id, int period, long long teacher, int group = 0) {
  auto c = change(ChangeKind::substitution, date, class_id, period, group);
  c.teacher_id = teacher;
  return c;
}

TimetableChange move(Date date, long long class_id, int period, int to) {
  auto c = change(ChangeKind::moved, date, class_id, period);
  c.new_period = to;
  return c;
}

std::vector<std::size_t> indexes(const std::vector<StaleChange>& stale) {
  std::vector<std::size_t> out;
  for (const auto& s : stale) out.push_back(s.index);
  return out;
}

}  // namespace

TEST_CASE("timetable_fit: changes of lessons the new week still has fit it") {
  const std::vector<TimetableSlot> week{slot(klass, 2, 1, maths, ivanova), slot(klass, 2, 2, physics, petrov)};
  const std::vector<TimetableChange> changes{substitution(tuesday, klass, 1, sidorov),
                                             change(ChangeKind::cancelled, tuesday, klass, 2), move(tuesday, klass, 2, 4)};
  CHECK(stale_changes(klass, week, changes, names).empty());
}

TEST_CASE("timetable_fit: a change whose lesson the new week no longer has is stale, with the reason") {
  // The new week moved maths from Tuesday lesson 1 to Wednesday lesson 3.
  const std::vector<TimetableSlot> week{slot(klass, 3, 3, maths, ivanova), slot(klass, 2, 2, physics, petrov)};
  const std::vector<TimetableChange> changes{substitution(tuesday, klass, 1, sidorov),
                                             change(ChangeKind::cancelled, tuesday, klass, 2),
                                             change(ChangeKind::room, wednesday, klass, 3)};
  const auto stale = stale_changes(klass, week, changes, names);
  REQUIRE(stale.size() == 1);
  CHECK(stale[0].index == 0);
  CHECK(stale[0].reason ==
        "class 10 has no lesson 1 on Tuesdays in its new timetable, so the substitution of 2026-12-01 no longer names a lesson");
}

TEST_CASE("timetable_fit: a group's change needs that group's lesson, a whole-class change any lesson of the period") {
  const std::vector<TimetableSlot> whole{slot(klass, 2, 1, maths, ivanova)};
  const std::vector<TimetableSlot> groups{slot(klass, 2, 1, maths, ivanova, 1), slot(klass, 2, 1, physics, petrov, 2)};
  const std::vector<TimetableChange> changes{change(ChangeKind::cancelled, tuesday, klass, 1, 2),
                                             change(ChangeKind::room, tuesday, klass, 1, 0)};
  const auto in_whole = stale_changes(klass, whole, changes, names);
  REQUIRE(indexes(in_whole) == std::vector<std::size_t>{0});
  CHECK(in_whole[0].reason.find("no lesson 1 for group 2 on Tuesdays") != std::string::npos);
  CHECK(in_whole[0].reason.find("the cancellation of 2026-12-01") != std::string::npos);
  CHECK(stale_changes(klass, groups, changes, names).empty());
}

TEST_CASE("timetable_fit: a change that would clash in the new week is stale") {
  SECTION("a move onto a period the new week fills") {
    const std::vector<TimetableSlot> old_week{slot(klass, 2, 1, maths, ivanova)};
    const std::vector<TimetableSlot> new_week{slot(klass, 2, 1, maths, ivanova), slot(klass, 2, 4, physics, petrov)};
    const std::vector<TimetableChange> changes{move(tuesday, klass, 1, 4)};
    CHECK(stale_changes(klass, old_week, changes, names).empty());
    const auto stale = stale_changes(klass, new_week, changes, names);
    REQUIRE(indexes(stale) == std::vector<std::size_t>{0});
    CHECK(stale[0].reason.rfind("the move of 2026-12-01 clashes with the new timetable: class 10 has two lessons at once", 0) == 0);
  }
  SECTION("a substitute who teaches the class's other group in the new week") {
    const std::vector<TimetableSlot> new_week{slot(klass, 2, 1, maths, ivanova, 1), slot(klass, 2, 1, physics, sidorov, 2)};
    const std::vector<TimetableChange> changes{substitution(tuesday, klass, 1, sidorov, 1)};
    const auto stale = stale_changes(klass, new_week, changes, names);
    REQUIRE(indexes(stale) == std::vector<std::size_t>{0});
    CHECK(stale[0].reason.find("teacher 102 has two lessons") != std::string::npos);
    // Cancelling the other group's lesson the same day frees the substitute: then it fits.
    auto with_cancel = changes;
    with_cancel.push_back(change(ChangeKind::cancelled, tuesday, klass, 1, 2));
    CHECK(stale_changes(klass, new_week, with_cancel, names).empty());
  }
  SECTION("another class's changes of the same date are the context") {
    // Петров teaches the other class's lesson 2; on Tuesday that lesson moves to lesson 1.
    const std::vector<TimetableSlot> new_week{slot(klass, 2, 1, maths, ivanova), slot(other_class, 2, 2, physics, petrov)};
    const std::vector<TimetableChange> alone{substitution(tuesday, klass, 1, petrov)};
    CHECK(stale_changes(klass, new_week, alone, names).empty());
    const std::vector<TimetableChange> other_moved_on_wednesday{move(wednesday, other_class, 2, 1), alone[0]};
    CHECK(stale_changes(klass, new_week, other_moved_on_wednesday, names).empty());
    const std::vector<TimetableChange> other_moved{move(tuesday, other_class, 2, 1), alone[0]};
    const auto stale = stale_changes(klass, new_week, other_moved, names);
    REQUIRE(indexes(stale) == std::vector<std::size_t>{1});
    CHECK(stale[0].reason.find("teacher 101 has two lessons on 2026-12-01, lesson 1") != std::string::npos);
  }
}

TEST_CASE("timetable_fit: other classes' changes are context, never judged") {
  const std::vector<TimetableSlot> week{slot(klass, 2, 1, maths, ivanova)};
  const std::vector<TimetableChange> changes{change(ChangeKind::cancelled, tuesday, other_class, 5)};
  CHECK(stale_changes(klass, week, changes, names).empty());
  CHECK(indexes(stale_changes(other_class, week, changes, names)) == std::vector<std::size_t>{0});
}
