// A teacher's own week (app::my_timetable) on a real SQLite file: own lessons, a substitution the
// teacher takes and the same lesson as the usual teacher sees it, who is refused, and failed reads.
#include <catch2/catch.hpp>

#include "app/my_timetable.hpp"
#include "kiosk_school.hpp"
#include "store/timetable_admin.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

constexpr const char* substitution_uuid = "00000000-0000-4000-8000-0000000000f1";
constexpr const char* substitute_lesson = "00000000-0000-4000-8000-0000000000a2";
constexpr const char* own_lesson = "00000000-0000-4000-8000-0000000000a1";

// KioskSchool (today Tuesday 2026-11-24) with a second class 6Б and teacher Петров. On Tuesdays
// Иванова teaches maths in 5А at lesson 1 (room 215), Петров physics in 6Б at lesson 2 (room 301);
// this Tuesday Иванова stands in for Петров. Both lessons are made, as the substitution left them.
struct WeekSchool : KioskSchool {
  domain::Actor ivanova, petrov;
  WeekSchool() {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (2, 't2', 'Петров', 'Сергей');
      INSERT INTO classes(id, uuid, name, grade, letter) VALUES (2, 'c2', '6Б', 6, 'Б');
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат'), (2, 's2', 'Физика', 'Физ');
      INSERT INTO rooms(id, name) VALUES (1, '215'), (2, '301');
      INSERT INTO timetable(class_id, weekday, period, group_no, subject_id, teacher_id, room_id) VALUES
        (1, 2, 1, 0, 1, 1, 1), (2, 2, 2, 0, 2, 2, 2);
      INSERT INTO timetable_changes(uuid, date, class_id, period, group_no, kind, teacher_id, note) VALUES
        ('00000000-0000-4000-8000-0000000000f1', '2026-11-24', 2, 2, 0, 'substitution', 1, 'курсы');
      INSERT INTO lessons(uuid, date, period, class_id, group_no, subject_id, teacher_id, room_id) VALUES
        ('00000000-0000-4000-8000-0000000000a1', '2026-11-24', 1, 1, 0, 1, 1, 1),
        ('00000000-0000-4000-8000-0000000000a2', '2026-11-24', 2, 2, 0, 2, 1, 2);
    )SQL"));
    REQUIRE(store::put_bell_variant(**db, domain::default_bell_schedule()));
    for (int d = 1; d <= 5; ++d) REQUIRE(store::set_weekday_bells(**db, d, std::string("основное")));
    auto settings = ctx->settings();
    settings.terms = domain::default_terms(2026, domain::TermKind::quarters);
    ctx->settings_book.replace(std::move(settings));
    ivanova.role = petrov.role = domain::Role::teacher;
    ivanova.person_id = 1;
    ivanova.user_id = 10;
    petrov.person_id = 2;
  }
};

const app::MyDayView& tuesday(const app::MyTimetableView& v) { return v.days.at(1); }

}  // namespace

TEST_CASE("a teacher's week holds the own lessons and the substitution taken, with bells and the lesson to open") {
  WeekSchool s;
  auto r = app::my_timetable(*s.ctx, s.ivanova, "2026-W48");
  REQUIRE(r);
  CHECK(domain::format_iso_week(r->week) == "2026-W48");
  CHECK(r->teacher.id == "t1");
  REQUIRE(r->days.size() == 7);
  CHECK(domain::format_date(r->days[0].date) == "2026-11-23");
  CHECK(r->days[5].bells == std::nullopt);
  for (std::size_t i = 0; i < 7; ++i)
    if (i != 1) CHECK(r->days[i].lessons.empty());
  const auto& day = tuesday(*r);
  CHECK(day.school_day);
  REQUIRE(day.lessons.size() == 2);
  const auto& own = day.lessons[0];
  CHECK(own.part == domain::TeacherPart::own);
  CHECK((own.period == 1 && own.klass.name == "5А" && own.subject.name == "Математика" && own.room == "215"));
  CHECK((own.start_minute == 8 * 60 + 30 && own.end_minute == 9 * 60 + 15));
  CHECK(own.changes.empty());
  CHECK_FALSE(own.substitute_for);
  CHECK_FALSE(own.taken_by);
  CHECK(own.lesson_id == own_lesson);
  const auto& sub = day.lessons[1];
  CHECK(sub.part == domain::TeacherPart::substitute);
  CHECK((sub.klass.id == "c2" && sub.subject.id == "s2" && sub.period == 2));
  REQUIRE(sub.substitute_for);
  CHECK(sub.substitute_for->id == "t2");
  CHECK(sub.substitute_for->name.find("Петров") == 0);
  CHECK_FALSE(sub.taken_by);
  CHECK((sub.room == "301" && sub.usual_room == "301" && !sub.room_changed));
  CHECK_FALSE(sub.moved_from);
  CHECK(sub.note == "курсы");
  REQUIRE(sub.changes.size() == 1);
  CHECK(sub.changes[0].id == substitution_uuid);
  CHECK(sub.changes[0].kind == domain::ChangeKind::substitution);
  CHECK(sub.lesson_id == substitute_lesson);
}

TEST_CASE("the usual teacher sees the lesson taken over, with no lesson to open") {
  WeekSchool s;
  auto r = app::my_timetable(*s.ctx, s.petrov, "2026-W48");
  REQUIRE(r);
  REQUIRE(tuesday(*r).lessons.size() == 1);
  const auto& l = tuesday(*r).lessons[0];
  CHECK(l.part == domain::TeacherPart::taken_over);
  REQUIRE(l.taken_by);
  CHECK(l.taken_by->id == "t1");
  CHECK_FALSE(l.substitute_for);
  CHECK(l.lesson_id.empty());
  // Another week has no changes: the lesson is Петров's own again, and not made yet.
  auto next = app::my_timetable(*s.ctx, s.petrov, "2026-W49");
  REQUIRE(next);
  REQUIRE(tuesday(*next).lessons.size() == 1);
  CHECK(tuesday(*next).lessons[0].part == domain::TeacherPart::own);
  CHECK(tuesday(*next).lessons[0].lesson_id.empty());
}

TEST_CASE("a week of the holidays has no lessons") {
  WeekSchool s;
  auto r = app::my_timetable(*s.ctx, s.ivanova, "2027-W01");  // 4–8 January: the winter holidays
  REQUIRE(r);
  for (std::size_t i = 0; i < 5; ++i) CHECK_FALSE(r->days[i].school_day);
  for (const auto& d : r->days) CHECK(d.lessons.empty());
}

TEST_CASE("only teachers have an own timetable, and a malformed week is named") {
  WeekSchool s;
  for (const auto* actor : {&s.anna, &s.guardian, &s.director, &s.admin}) {
    auto r = app::my_timetable(*s.ctx, *actor, "2026-W48");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::forbidden);
    CHECK(r.error().id.view() == "timetable.teachers_only");
    CHECK(r.error().message.find("GET /api/v1/classes/{id}/timetable") != std::string::npos);
  }
  auto bad = app::my_timetable(*s.ctx, s.ivanova, "2026-48");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == Errc::invalid_input);
  CHECK(bad.error().field == "week");
}

TEST_CASE("a read that fails answers unavailable, never a week with lessons missing") {
  WeekSchool s;
  struct Off {
    ~Off() { store::faults::off(); }
  } guard;
  bool failed_somewhere = false;
  for (long n = 1; n <= 200; ++n) {
    store::faults::fail_from(n);
    auto r = app::my_timetable(*s.ctx, s.ivanova, "2026-W48");
    store::faults::off();
    if (r) {
      CHECK(tuesday(*r).lessons.size() == 2);
      break;
    }
    INFO("failing from operation " << n << ": " << r.error().message);
    CHECK(r.error().code == Errc::unavailable);
    failed_somewhere = true;
  }
  CHECK(failed_somewhere);
}
