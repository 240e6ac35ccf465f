// Tests of the end dates of teaching assignments (migration 6's triggers) that the policy's grace period reads.
#include <catch2/catch.hpp>

#include "migrated_db.hpp"
#include "store/teaching_ended.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {
// Teacher 3, class 1, subjects 2 and 4: what the rows of `teaching` refer to.
constexpr const char* school = R"SQL(
  INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (3, 't3', 'Смирнова', 'Ольга');
  INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '7А', 7, 'А');
  INSERT INTO subjects(id, uuid, name, short_name) VALUES (2, 'j2', 'Алгебра', 'Алг'), (4, 'j4', 'Физика', 'Физ');
)SQL";

std::string sql_text(Db& db, const std::string& sql) {
  auto out = db.prepare(sql).first([](Stmt& r) { return r.is_null(0) ? std::string("NULL") : r.text(0); });
  REQUIRE(out);
  REQUIRE(*out);
  return **out;
}
}  // namespace

TEST_CASE("removing a teaching assignment records the school's date, assigning it again clears it") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec(school));
  REQUIRE(db->exec("INSERT INTO teaching VALUES (1, 2, 3), (1, 4, 3)"));
  auto ended = teaching_ended_on(*db, 3, 1, 2);
  REQUIRE(ended);
  CHECK_FALSE(*ended);  // still teaching

  REQUIRE(db->exec("DELETE FROM teaching WHERE class_id = 1 AND subject_id = 2"));
  ended = teaching_ended_on(*db, 3, 1, 2);
  REQUIRE(ended);
  REQUIRE(*ended);
  // The default school offset is Moscow's +180 minutes.
  CHECK(domain::format_date(**ended) == sql_text(*db, "SELECT date('now', '+180 minutes')"));
  CHECK_FALSE(*teaching_ended_on(*db, 3, 1, 4));  // the other subject is still taught

  REQUIRE(db->exec("INSERT INTO teaching VALUES (1, 2, 3)"));
  CHECK_FALSE(*teaching_ended_on(*db, 3, 1, 2));
}

TEST_CASE("the end date follows the school's UTC offset") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec(school));
  REQUIRE(db->exec("INSERT INTO settings(key, value) VALUES ('utc_offset_minutes', '-600');"
                   "INSERT INTO teaching VALUES (1, 2, 3); DELETE FROM teaching"));
  CHECK(sql_text(*db, "SELECT ended_on FROM teaching_ended") == sql_text(*db, "SELECT date('now', '-600 minutes')"));
}
