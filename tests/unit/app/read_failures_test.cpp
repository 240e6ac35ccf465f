// Use cases under a store that fails from its Nth operation on, as SQLite's own tests do: every N
// from 1 upwards until the use case succeeds; each failure must be a clean 503 (unavailable),
// never an empty answer, and a failed write must leave nothing behind.
#include <catch2/catch.hpp>

#include "app/reads.hpp"
#include "app/writes.hpp"
#include "kiosk_school.hpp"
#include "store/people.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

constexpr long max_operations = 400;  // far more than any of these use cases needs
constexpr const char* anna = "00000000-0000-4000-8000-000000000001";
constexpr const char* class_uuid = "00000000-0000-4000-8000-0000000000d1";
constexpr const char* lesson_uuid = "00000000-0000-4000-8000-0000000000a1";

// KioskSchool plus a subject, its teaching, a term, a work type, one lesson with one mark and a dot.
struct JournalSchool : KioskSchool {
  domain::Actor teacher;
  JournalSchool() {
    auto db = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write);
    REQUIRE(db);
    REQUIRE((*db)->exec(R"SQL(
      UPDATE classes SET uuid = '00000000-0000-4000-8000-0000000000d1' WHERE id = 1;
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, '00000000-0000-4000-8000-0000000000b1', 'Математика', 'Мат');
      INSERT INTO teaching(class_id, subject_id, teacher_id) VALUES (1, 1, 1);
      INSERT INTO terms VALUES (2, '2026-11-09', '2026-12-27');
      INSERT INTO work_types(id, code, name, weight, rank) VALUES (1, 'oral', 'Устный ответ', 1, 0);
      INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id, topic)
        VALUES (1, '00000000-0000-4000-8000-0000000000a1', '2026-11-24', 1, 1, 1, 1, 'Дроби');
      INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, comment, set_by, created_at, updated_at)
        VALUES ('00000000-0000-4000-8000-0000000000c1', 1, 1, 5, 1, '', 10, '2026-11-24T06:00:00Z', '2026-11-24T06:00:00Z');
    )SQL"));
    auto settings = store::load_settings(**db);
    REQUIRE(settings);
    ctx->settings_book.replace(*settings);
    teacher.role = domain::Role::teacher;
    teacher.user_id = 10;
    teacher.person_id = 1;
    teacher.teaches = {{1, 1}};
    teacher.homeroom_classes = {1};
  }
};

struct FaultsOff {
  ~FaultsOff() { store::faults::off(); }
};

// Runs `attempt` with the store failing from operation n = 1, 2, … until it succeeds; checks every
// failure with `on_failure`. Returns the successful result.
template <class T, class Attempt, class OnFailure>
Result<T> until_it_succeeds(Attempt attempt, OnFailure on_failure) {
  FaultsOff guard;
  for (long n = 1; n <= max_operations; ++n) {
    store::faults::fail_from(n);
    auto r = attempt();
    store::faults::off();
    if (r) {
      INFO("succeeded once the store held for " << n - 1 << " operations");
      CHECK(n > 1);  // the first operation failing must have been seen as a failure
      return r;
    }
    INFO("failing from operation " << n << ": " << r.error().message);
    CHECK(r.error().code == Errc::unavailable);
    on_failure(n);
  }
  FAIL("the use case never succeeded within " << max_operations << " operations");
  return make_error(Errc::internal, "test.unreachable", "unreachable");
}

}  // namespace

TEST_CASE("a diary, grades and journal read that fails answers unavailable, never an empty week") {
  JournalSchool s;
  SECTION("diary") {
    auto r = until_it_succeeds<app::DiaryWeekView>(
        [&] {
          s.ctx->class_weeks = std::make_shared<app::ClassWeekCache>();  // every attempt reads the week anew
          return app::get_diary(*s.ctx, s.guardian, anna, "2026-W48");
        },
        [](long) {});
    REQUIRE(r);
    std::size_t lessons = 0, marks = 0;
    for (const auto& d : r->days) {
      lessons += d.lessons.size();
      for (const auto& l : d.lessons) marks += l.marks.size();
    }
    CHECK(lessons == 1);
    CHECK(marks == 1);
  }
  SECTION("grades") {
    auto r = until_it_succeeds<app::GradesView>([&] { return app::get_grades(*s.ctx, s.guardian, anna, "2"); },
                                                [](long) {});
    REQUIRE(r);
    REQUIRE(r->subjects.size() == 1);
    CHECK(r->subjects.front().marks.size() == 1);
  }
  SECTION("journal") {
    auto r = until_it_succeeds<app::JournalView>(
        [&] {
          return app::get_journal(*s.ctx, s.teacher, class_uuid, "00000000-0000-4000-8000-0000000000b1", "2");
        },
        [](long) {});
    REQUIRE(r);
    CHECK(r->rows.size() == 2);
    CHECK(r->lessons.size() == 1);
  }
}

TEST_CASE("a mark whose write fails at any operation is not written at all, and is written once it succeeds") {
  JournalSchool s;
  const auto marks_before = s.count("SELECT count(*) FROM marks");
  const auto audit_before = s.count("SELECT count(*) FROM audit");
  auto r = until_it_succeeds<app::SavedMark>(
      [&] {
        app::NewMark in{anna, lesson_uuid, 4, "oral", "у доски", ""};
        return wait_for<app::SavedMark>([&](auto done) { app::put_mark(*s.ctx, s.teacher, in, done); });
      },
      [&](long) {
        CHECK(s.count("SELECT count(*) FROM marks") == marks_before);
        CHECK(s.count("SELECT count(*) FROM audit") == audit_before);
      });
  REQUIRE(r);
  CHECK(r->created);
  CHECK(r->mark.value == 4);
  CHECK(s.count("SELECT count(*) FROM marks") == marks_before + 1);
  CHECK(s.count("SELECT count(*) FROM audit") == audit_before + 1);
}
