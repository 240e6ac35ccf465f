// The OneRoster provider's reads (store/oneroster.hpp) on a migrated database: who is in which
// class × subject, guardians as agents both ways, a pupil who left, line items grouped from marks,
// and migration 22's dateLastModified — moved by a change a record shows, not by one it does not.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>

#include "store/oneroster.hpp"
#include "support/migrated_db.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {
void seed(store::Db& db) {
  REQUIRE(db.exec(R"SQL(
    INSERT INTO work_types(id, code, name, weight) VALUES (1, 'cw', 'Классная работа', 1);
    INSERT INTO teachers(id, uuid, last_name, first_name, email) VALUES (1, 't1', 'Иванова', 'Мария', 'ivanova@school.ru');
    INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А'), (2, 'c2', '6Б', 6, 'Б');
    INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат'), (2, 's2', 'Музыка', 'Муз');
    INSERT INTO teaching VALUES (1, 1, 1), (1, 2, 1), (2, 1, 1);
    INSERT INTO students(id, uuid, last_name, first_name, class_id, email, left_on) VALUES
      (1, 'p1', 'Петрова', 'Анна', 1, 'anna@school.ru', NULL), (2, 'p2', 'Смирнов', 'Борис', 1, NULL, '2026-11-20'),
      (3, 'p3', 'Алексеев', 'Глеб', 2, NULL, NULL);
    INSERT INTO guardians(id, uuid, last_name, first_name) VALUES (1, 'g1', 'Петров', 'Олег');
    INSERT INTO student_guardians(student_id, guardian_id) VALUES (1, 1);
    INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id, topic) VALUES
      (1, 'l1', '2026-11-24', 1, 1, 1, 1, 'Дроби'), (2, 'l2', '2026-11-25', 1, 2, 1, 1, '');
    INSERT INTO marks(id, uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at, deleted_at) VALUES
      (1, 'm1', 1, 1, 5, 1, 1, '2026-11-24T08:00:00Z', '2026-11-24T08:00:00Z', NULL),
      (2, 'm2', 2, 1, 4, 1, 1, '2026-11-24T08:00:00Z', '2026-11-24T09:00:00Z', NULL),
      (3, 'm3', 3, 2, 3, 1, 1, '2026-11-25T08:00:00Z', '2026-11-25T08:00:00Z', '2026-11-25T10:00:00Z');
  )SQL"));
}

std::string modified(store::Db& db, const char* table, const char* uuid) {
  auto& q = db.prepare(std::string("SELECT coalesce(modified_at, '') FROM ") + table + " WHERE uuid = ?");
  q.bind(1, uuid);
  auto v = q.first([](store::Stmt& r) { return r.text(0); });
  REQUIRE(v);
  REQUIRE(*v);
  return **v;
}
}  // namespace

TEST_CASE("people: pupils, then teachers, then guardians, with agents both ways and who left") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto people = store::roster_people(*db);
  REQUIRE(people);
  std::vector<std::string> order;
  for (const auto& p : *people) order.push_back(p.uuid);
  CHECK(order == std::vector<std::string>{"p3", "p1", "p2", "t1", "g1"});  // each kind by surname
  const auto& anna = (*people)[1];
  CHECK(anna.email == std::optional<std::string>("anna@school.ru"));
  CHECK(anna.grade == 5);
  CHECK(anna.agents == std::vector<std::string>{"g1"});
  CHECK((*people)[4].agents == std::vector<std::string>{"p1"});
  CHECK((*people)[2].left_on == std::optional<std::string>("2026-11-20"));
  CHECK((*people)[3].kind == store::RosterPersonKind::teacher);
  auto one = store::roster_people(*db, std::string_view("g1"));
  REQUIRE(one);
  REQUIRE(one->size() == 1);
  CHECK(one->front().agents == std::vector<std::string>{"p1"});
  for (const auto& p : *people) CHECK_FALSE(p.modified_at.empty());
}

TEST_CASE("classes × subjects, courses and enrollments come from teaching") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto classes = store::roster_class_subjects(*db);
  REQUIRE(classes);
  REQUIRE(classes->size() == 3);
  CHECK(((*classes)[0].class_uuid == "c1" && (*classes)[0].subject_name == "Математика"));
  CHECK(((*classes)[2].class_uuid == "c2" && (*classes)[2].grade == 6));
  auto courses = store::roster_courses(*db);
  REQUIRE(courses);
  CHECK(courses->size() == 3);  // maths in grades 5 and 6, music in 5
  auto enrollments = store::roster_enrollments(*db);
  REQUIRE(enrollments);
  const auto pupils = std::count_if(enrollments->begin(), enrollments->end(),
                                    [](const auto& e) { return e.kind == store::RosterPersonKind::pupil; });
  CHECK(pupils == 5);  // two pupils of 5А in two subjects, one of 6Б in one
  CHECK(enrollments->size() == 8);
  for (const auto& e : *enrollments)
    if (e.person_uuid == "p2") CHECK(e.left_on == std::optional<std::string>("2026-11-20"));
}

TEST_CASE("line items are a lesson's marks of one work type, the latest change and whether any is kept") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto items = store::roster_line_items(*db, {});
  REQUIRE(items);
  REQUIRE(items->size() == 2);
  CHECK((*items)[0].lesson_uuid == "l1");
  CHECK((*items)[0].topic == "Дроби");
  CHECK((*items)[0].modified_at == "2026-11-24T09:00:00Z");
  CHECK((*items)[0].any_kept);
  CHECK((*items)[1].modified_at == "2026-11-25T10:00:00Z");
  CHECK_FALSE((*items)[1].any_kept);
  store::MarkSelection one_lesson;
  one_lesson.lesson_uuid = "l1";
  one_lesson.work_type_code = (*items)[0].work_type_code;
  auto marks = store::roster_marks(*db, one_lesson);
  REQUIRE(marks);
  CHECK(marks->size() == 2);
  store::MarkSelection of_class;
  of_class.class_uuid = "c2";
  of_class.subject_uuid = "s1";
  auto theirs = store::roster_marks(*db, of_class);
  REQUIRE(theirs);
  REQUIRE(theirs->size() == 1);
  CHECK(theirs->front().deleted_at == std::optional<std::string>("2026-11-25T10:00:00Z"));
}

TEST_CASE("migration 22: a change a record shows moves its dateLastModified, another change does not") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  REQUIRE(db->exec("UPDATE students SET modified_at = '2000-01-01T00:00:00Z'; "
                   "UPDATE guardians SET modified_at = '2000-01-01T00:00:00Z'; "
                   "UPDATE classes SET modified_at = '2000-01-01T00:00:00Z'; "
                   "UPDATE subjects SET modified_at = '2000-01-01T00:00:00Z'; "
                   "UPDATE settings SET value = '2000-01-01T00:00:00Z' WHERE key = 'teaching_modified_at'"));
  REQUIRE(db->exec("UPDATE students SET group_no = 2 WHERE uuid = 'p1'"));  // not in any record
  CHECK(modified(*db, "students", "p1") == "2000-01-01T00:00:00Z");
  REQUIRE(db->exec("UPDATE students SET email = 'new@school.ru' WHERE uuid = 'p1'"));
  CHECK(modified(*db, "students", "p1") > "2026");
  CHECK(modified(*db, "students", "p3") == "2000-01-01T00:00:00Z");
  REQUIRE(db->exec("DELETE FROM student_guardians"));  // agents change on both sides
  CHECK(modified(*db, "guardians", "g1") > "2026");
  auto before = store::roster_class_subjects(*db);
  REQUIRE(before);
  for (const auto& c : *before) CHECK(c.modified_at == "2000-01-01T00:00:00Z");
  REQUIRE(db->exec("INSERT INTO teaching VALUES (2, 2, 1)"));
  auto classes = store::roster_class_subjects(*db);
  REQUIRE(classes);
  for (const auto& c : *classes) CHECK(c.modified_at > "2026");
}
