// A OneRoster client's line items and results (store/client_gradebook.hpp, migration 24): saved and
// replaced by sourcedId, deleted ones out of the lists, the lesson a client's mark goes on (the due
// day's, else the nearest earlier, else the nearest later; the pupil's group; never a cancelled one),
// a mark a person changed known as taken over, and the provider's reads no longer listing a mark a
// client's result made.
#include <catch2/catch.hpp>

#include "store/client_gradebook.hpp"
#include "store/oneroster.hpp"
#include "support/migrated_db.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {
void seed(store::Db& db) {
  REQUIRE(db.exec(R"SQL(
    INSERT INTO work_types(id, code, name, weight) VALUES (1, 'cw', 'Классная работа', 1), (2, 'test', 'Контрольная', 3);
    INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария');
    INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А');
    INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат'), (2, 's2', 'Музыка', 'Муз');
    INSERT INTO teaching VALUES (1, 1, 1);
    INSERT INTO students(id, uuid, last_name, first_name, class_id, group_no) VALUES
      (1, 'p1', 'Петрова', 'Анна', 1, 1), (2, 'p2', 'Смирнов', 'Борис', 1, 2);
    INSERT INTO users(id, uuid, login, password_hash, role, display_name, must_change_password, disabled, created_at)
      VALUES (10, 'u10', 'api:abc', '!', 'api_client', 'Learning platform', 0, 1, '2026-11-01T00:00:00Z'),
             (11, 'u11', 'ivanova', '!', 'teacher', 'Иванова М.', 0, 0, '2026-11-01T00:00:00Z');
    INSERT INTO api_clients(id, client_id, name, secret_hash, scopes, user_id, created_at, created_by)
      VALUES (1, 'abc', 'Learning platform', 'x', 'gradebook.createput', 10, '2026-11-01T00:00:00Z', 11);
    -- Math: Mon 23rd (group 2 only), Tue 24th periods 3 and 1, Thu 26th cancelled, Fri 27th.
    INSERT INTO lessons(id, uuid, date, period, class_id, group_no, subject_id, teacher_id, cancelled) VALUES
      (1, 'l1', '2026-11-23', 1, 1, 2, 1, 1, 0), (2, 'l2', '2026-11-24', 3, 1, 0, 1, 1, 0),
      (3, 'l3', '2026-11-24', 1, 1, 0, 1, 1, 0), (4, 'l4', '2026-11-26', 1, 1, 0, 1, 1, 1),
      (5, 'l5', '2026-11-27', 2, 1, 0, 1, 1, 0);
  )SQL"));
}

std::optional<store::MarkLesson> place(store::Db& db, int group, const char* day, store::Id subject = 1) {
  auto p = store::lesson_for_client_mark(db, 1, subject, group, day);
  REQUIRE(p);
  return *p;
}

rows::ClientLineItem item(const char* id) {
  rows::ClientLineItem i;
  i.sourced_id = id;
  i.client_id = 1;
  i.class_id = 1;
  i.subject_id = 1;
  i.work_type_id = 2;
  i.due_date = "2026-11-24";
  i.result_max = 20;
  i.title = "Test 3";
  i.record = R"({"title":"Test 3","x-extra":1})";
  i.modified_at = "2026-11-24T10:00:00.000Z";
  return i;
}
}  // namespace

TEST_CASE("a client's mark goes on the due day's first lesson, else the nearest earlier, else the nearest later") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  // Two lessons on the 24th: the first by period, whatever order they were made in.
  auto due = place(*db, 1, "2026-11-24");
  REQUIRE(due);
  CHECK(due->lesson_id == 3);
  CHECK(due->on_due_date);
  // The 26th's lesson is cancelled: the 24th's is the nearest earlier one, not a day's own.
  auto cancelled = place(*db, 1, "2026-11-26");
  REQUIRE(cancelled);
  CHECK(cancelled->lesson_id == 3);
  CHECK_FALSE(cancelled->on_due_date);
  // The 25th has none either: the 24th again; the 28th: the 27th's.
  CHECK(place(*db, 1, "2026-11-25")->lesson_id == 3);
  CHECK(place(*db, 1, "2026-11-28")->lesson_id == 5);
  // Before every lesson: the earliest later one the pupil's group has (group 2 has the 23rd's).
  CHECK(place(*db, 1, "2026-11-01")->lesson_id == 3);
  CHECK(place(*db, 2, "2026-11-01")->lesson_id == 1);
  CHECK(place(*db, 2, "2026-11-23")->on_due_date);
  // A subject the class has no lessons of: nowhere.
  CHECK_FALSE(place(*db, 1, "2026-11-24", 2));
}

TEST_CASE("line items and results are saved and replaced by sourcedId, and deleted ones leave the lists") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto first = store::save_client_line_item(*db, item("li-1"));
  REQUIRE(first);
  auto changed = item("li-1");
  changed.title = "Test 3 (again)";
  changed.result_max = 30;
  auto again = store::save_client_line_item(*db, changed);
  REQUIRE(again);
  CHECK(*again == *first);
  auto found = store::find_client_line_item(*db, "li-1");
  REQUIRE(found);
  REQUIRE(*found);
  CHECK((*found)->title == "Test 3 (again)");
  CHECK((*found)->result_max == 30);
  CHECK((*found)->client_name == "Learning platform");
  CHECK((*found)->class_uuid == "c1");
  CHECK((*found)->record == R"({"title":"Test 3","x-extra":1})");

  rows::ClientResult r;
  r.sourced_id = "r-1";
  r.client_id = 1;
  r.line_item_id = *first;
  r.student_id = 1;
  r.score_status = "fully graded";
  r.score = 17.5;
  r.record = "{}";
  r.modified_at = "2026-11-24T10:00:00.000Z";
  REQUIRE(store::save_client_result(*db, r));
  auto listed = store::client_results(*db, *first);
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK((*listed)[0].score == std::optional<double>(17.5));
  CHECK((*listed)[0].student_uuid == "p1");
  CHECK((*listed)[0].line_item_sourced_id == "li-1");

  r.active = false;
  REQUIRE(store::save_client_result(*db, r));
  auto after = store::client_results(*db, *first);
  REQUIRE(after);
  CHECK(after->empty());
  auto by_id = store::find_client_result(*db, "r-1");
  REQUIRE(by_id);
  REQUIRE(*by_id);
  CHECK_FALSE((*by_id)->active);  // kept for the audit trail, read by id only

  changed.active = false;
  REQUIRE(store::save_client_line_item(*db, changed));
  auto items = store::client_line_items(*db, 1, 1);
  REQUIRE(items);
  CHECK(items->empty());
}

TEST_CASE("a client's mark is taken over once a person changed it, and is not listed among the journal's own") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  REQUIRE(db->exec(R"SQL(
    INSERT INTO marks(id, uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) VALUES
      (1, 'm1', 1, 3, 4, 2, 10, '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z'),
      (2, 'm2', 2, 3, 5, 1, 11, '2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z');
    INSERT INTO mark_history(mark_id, value, work_type_id, comment, replaced_by_user, replaced_at, reason, op)
      VALUES (1, 3, 2, '', 10, '2026-11-24T10:00:00Z', 'OneRoster: Learning platform', 'update');
  )SQL"));
  // The client changing its own mark does not take it over; a teacher does.
  auto own = store::mark_changed_by_other(*db, 1, 10);
  REQUIRE(own);
  CHECK_FALSE(*own);
  REQUIRE(db->exec("INSERT INTO mark_history(mark_id, value, work_type_id, comment, replaced_by_user, replaced_at, reason, op) "
                   "VALUES (1, 4, 2, '', 11, '2026-11-24T11:00:00Z', 'по работе', 'update')"));
  auto taken = store::mark_changed_by_other(*db, 1, 10);
  REQUIRE(taken);
  CHECK(*taken);

  auto li = store::save_client_line_item(*db, item("li-1"));
  REQUIRE(li);
  rows::ClientResult r;
  r.sourced_id = "r-1";
  r.client_id = 1;
  r.line_item_id = *li;
  r.student_id = 1;
  r.score_status = "fully graded";
  r.score = 15;
  r.record = "{}";
  r.lesson_id = 3;
  r.mark_id = 1;
  r.mark_value = 4;
  r.modified_at = "2026-11-24T10:00:00.000Z";
  REQUIRE(store::save_client_result(*db, r));
  auto marks = store::roster_marks(*db, {});
  REQUIRE(marks);
  REQUIRE(marks->size() == 1);
  CHECK((*marks)[0].uuid == "m2");  // m1 is the client's result r-1

  auto scores = store::client_scores_of_class(*db, 1, 1, *domain::parse_date("2026-11-01"), *domain::parse_date("2026-11-30"));
  REQUIRE(scores);
  REQUIRE(scores->size() == 1);
  CHECK((*scores)[0].mark_id == std::optional<store::Id>(1));
  CHECK((*scores)[0].client_name == "Learning platform");
  CHECK((*scores)[0].score == std::optional<double>(15));
  CHECK((*scores)[0].result_max == 20);
  CHECK((*scores)[0].overridden);
}
