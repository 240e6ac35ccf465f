// Tests of the lesson versions kept by triggers (migration 3): every change a diary shows beside a
// class's lessons moves that class's version, and only what concerns a class moves it.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "read_ok.hpp"
using classbook::test::ok;

#include "store/journal.hpp"
#include "migrated_db.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {

struct School {
  test::TempDir dir;
  std::unique_ptr<Db> db;

  School() {
    db = test::migrated_db(dir);
    REQUIRE(db->exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
      INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А'), (2, 'c2', '6Б', 6, 'Б');
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'мат');
      INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p1', 'А', 'Аня', 1);
      INSERT INTO rooms(id, name) VALUES (1, '101');
      INSERT INTO bell_periods(variant, number, start_minute, end_minute) VALUES ('weekday', 1, 500, 545);
      INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id, room_id)
        VALUES (1, 'l1', '2026-11-23', 1, 1, 1, 1, 1), (2, 'l2', '2026-11-23', 1, 2, 1, 1, NULL);
    )SQL"));
  }
  std::int64_t v(Id class_id) { return ok(lesson_version(*db, class_id)); }
};

}  // namespace

TEST_CASE("a class's own lessons and homework move its version and not another class's") {
  School s;
  auto one = s.v(1), two = s.v(2);
  REQUIRE(s.db->exec("UPDATE lessons SET topic='Дроби' WHERE id=1"));
  CHECK(s.v(1) > one);
  CHECK(s.v(2) == two);
  one = s.v(1);
  REQUIRE(s.db->exec("INSERT INTO homework(uuid, lesson_id, text, due_date, created_at, revised_at) "
                     "VALUES ('h1', 1, '№ 5', '2026-11-25', 'x', 'x')"));
  CHECK(s.v(1) > one);
  one = s.v(1);
  REQUIRE(s.db->exec("UPDATE homework SET text='№ 6' WHERE uuid='h1'"));
  CHECK(s.v(1) > one);
  one = s.v(1);
  REQUIRE(s.db->exec("DELETE FROM homework WHERE uuid='h1'"));
  CHECK(s.v(1) > one);
  CHECK(s.v(2) == two);
  one = s.v(1);
  REQUIRE(s.db->exec("UPDATE lessons SET class_id=2, period=2 WHERE id=1"));  // moved: both classes changed
  CHECK(s.v(1) > one);
  CHECK(s.v(2) > two);
}

TEST_CASE("names and bells shown with every lesson move every class's version") {
  School s;
  for (const char* change : {"UPDATE teachers SET last_name='Петрова' WHERE id=1", "UPDATE subjects SET name='Алгебра' WHERE id=1",
                             "UPDATE rooms SET name='102' WHERE id=1",
                             "UPDATE bell_periods SET start_minute=505 WHERE number=1",
                             "INSERT INTO bell_variants(weekday, variant) VALUES (1, 'weekday')",
                             "DELETE FROM bell_variants WHERE weekday=1"}) {
    const auto one = s.v(1), two = s.v(2);
    INFO(change);
    REQUIRE(s.db->exec(change));
    CHECK(s.v(1) > one);
    CHECK(s.v(2) > two);
  }
}

TEST_CASE("marks and attendance do not move the lesson version: the diary reads them per pupil") {
  School s;
  const auto one = s.v(1);
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO work_types(id, code, name, weight) VALUES (1, 'oral', 'Устный ответ', 1);
    INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at)
      VALUES ('m1', 1, 1, 5, 1, 1, 'x', 'x');
    INSERT INTO attendance(lesson_id, student_id, presence, set_by, set_at) VALUES (1, 1, 'absent', 1, 'x');
  )SQL"));
  CHECK(s.v(1) == one);
}

TEST_CASE("a pupil's marks and attendance on a set of lessons leave out every other lesson in the id range") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO work_types(id, code, name, weight) VALUES (1, 'oral', 'Устный ответ', 1);
    INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES (3, 'l3', '2026-11-24', 1, 1, 1, 1);
    INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at)
      VALUES ('m1', 1, 1, 5, 1, 1, 'x', 'x'), ('m2', 1, 2, 4, 1, 1, 'x', 'x'), ('m3', 1, 3, 3, 1, 1, 'x', 'x');
    INSERT INTO attendance(lesson_id, student_id, presence, set_by, set_at) VALUES (1, 1, 'absent', 1, 'x'), (2, 1, 'late', 1, 'x'), (3, 1, 'present', 1, 'x');
  )SQL"));
  const auto marks = ok(marks_of_student_on(*s.db, 1, {1, 3}));
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].uuid == "m1");
  CHECK(marks[1].uuid == "m3");
  const auto attendance = ok(attendance_of_student_on(*s.db, 1, {1, 3}));
  REQUIRE(attendance.size() == 2);
  CHECK(attendance[0].lesson_id == 1);
  CHECK(attendance[1].lesson_id == 3);
  CHECK(ok(marks_of_student_on(*s.db, 1, {})).empty());
}

namespace {
// The query plan of the statement `db` prepared whose SQL holds `needle` (the repositories keep
// their SQL to themselves; the connection's statement cache still has it).
std::string plan_of_prepared(Db& db, std::string_view needle) {
  std::string sql;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.raw(), nullptr); s; s = sqlite3_next_stmt(db.raw(), s))
    if (std::string_view(sqlite3_sql(s)).find(needle) != std::string_view::npos) sql = sqlite3_sql(s);
  REQUIRE(!sql.empty());
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.raw(), ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &q, nullptr) == SQLITE_OK);
  std::string plan;
  while (sqlite3_step(q) == SQLITE_ROW) plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 3))) + "\n";
  sqlite3_finalize(q);
  return plan;
}
}  // namespace

TEST_CASE("the diary reads a pupil's marks and attendance of a week from covering indexes (migration 8)") {
  School s;
  (void)ok(marks_of_student_on(*s.db, 1, {1, 2}));
  (void)ok(attendance_of_student_on(*s.db, 1, {1, 2}));
  // No second lookup per row in the table: a pupil's rows of a year lie scattered over its pages.
  CHECK_THAT(plan_of_prepared(*s.db, "FROM marks m LEFT JOIN users u"),
             Catch::Contains("USING COVERING INDEX marks_student_week (student_id=? AND lesson_id>? AND lesson_id<?)"));
  CHECK_THAT(plan_of_prepared(*s.db, "FROM attendance WHERE student_id=? AND lesson_id BETWEEN"),
             Catch::Contains("USING COVERING INDEX attendance_student_week (student_id=? AND lesson_id>? AND lesson_id<?)"));
}
