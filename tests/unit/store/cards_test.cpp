// Tests of the card history's store (migration 15): cards held at the upgrade open the history, a desk
// kiosk passes the widened mode check and nothing else does, a blocked card is found by its number,
// and a card held with no history row still has its end recorded.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;

#include "migrated_db.hpp"
#include "store/cards.hpp"
#include "store/kiosks.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {

std::int64_t count(Db& db, const std::string& sql) {
  auto& q = db.prepare(sql);
  REQUIRE(q.next().value());
  const auto n = q.i64(0);
  REQUIRE(q.run());
  return n;
}

}  // namespace

TEST_CASE("migration 15 opens the history of the cards held and lets a kiosk be a desk") {
  test::TempDir dir;
  auto opened = Db::open(dir.file("old.db"), Db::Mode::read_write_create);
  REQUIRE(opened);
  auto& db = **opened;
  // Only what migrations 15 to 17 read, widen or index, as earlier ones left it at version 14.
  REQUIRE(db.exec(R"SQL(
    CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL, uuid TEXT NOT NULL);
    CREATE TABLE students (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, card TEXT UNIQUE);
    CREATE TABLE kiosks (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
      mode TEXT NOT NULL DEFAULT 'entrance' CHECK (mode IN ('entrance','hall')));
    INSERT INTO students VALUES (1, 's1', 'AA01'), (2, 's2', NULL), (3, 's3', 'CC03');
    INSERT INTO kiosks(name, created_at, mode) VALUES ('hall-1', '', 'hall');
    -- what migrations 16 (events, clubs) and 17 (the audit search's indexes) change
    CREATE TABLE events (id INTEGER PRIMARY KEY, date TEXT NOT NULL);
    CREATE TABLE clubs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE audit (seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, uuid TEXT NOT NULL, actor_user INTEGER NOT NULL);
    -- what migrations 18 to 21 (e-mail notices, API clients, sync state, pupils' e-mail) read or widen
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    -- what migration 22 (OneRoster's dateLastModified) widens and watches
    CREATE TABLE teachers (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE guardians (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE classes (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE subjects (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE);
    CREATE TABLE student_guardians (student_id INTEGER NOT NULL, guardian_id INTEGER NOT NULL);
    CREATE TABLE terms (number INTEGER PRIMARY KEY);
    CREATE TABLE work_types (id INTEGER PRIMARY KEY);
    CREATE TABLE teaching (class_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, teacher_id INTEGER NOT NULL);
    PRAGMA user_version=14;
  )SQL"));
  REQUIRE(migrate(db));
  CHECK(count(db, "PRAGMA user_version") == current_schema_version());
  CHECK(count(db, "SELECT count(*) FROM student_cards WHERE ended_at IS NULL AND issued_by IS NULL "
                  "AND issued_at LIKE '____-__-__T__:__:__.___Z'") == 2);
  const auto history = ok(card_history(db, 1));
  REQUIRE(history.size() == 1);
  CHECK(history[0].card == "AA01");
  CHECK_FALSE(history[0].issued_by);
  CHECK(db.exec("INSERT INTO kiosks(name, created_at, mode) VALUES ('desk-1', '', 'desk')"));
  CHECK_FALSE(db.exec("INSERT INTO kiosks(name, created_at, mode) VALUES ('x-1', '', 'porch')"));
  CHECK(count(db, "SELECT count(*) FROM kiosks") == 2);
}

TEST_CASE("a card ends, a new one opens, a blocked card is found, and a card held with no row still ends") {
  test::TempDir dir;
  auto db = test::migrated_db(dir);
  REQUIRE(db->exec(R"SQL(
    INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А');
    INSERT INTO students(id, uuid, last_name, first_name, class_id, card) VALUES (1, 's1', 'Петрова', 'Анна', 1, 'AA01');
    INSERT INTO users(id, uuid, login, password_hash, role, display_name, created_at) VALUES
      (30, 'u30', 'secretary', '', 'secretary', 'Секретарь Ольга', '');
  )SQL"));
  // AA01 was put in students beside the use cases: no history row. Its loss is recorded all the same.
  REQUIRE(end_held_card(*db, 1, "AA01", domain::CardEnd::lost, 30, "2026-12-07T08:00:00.000Z"));
  REQUIRE(open_card(*db, 1, "BB02", 30, "2026-12-07T08:00:00.000Z"));
  REQUIRE(set_held_card(*db, 1, std::string("BB02")));
  auto blocked = ok(blocked_card(*db, "AA01"));
  REQUIRE(blocked);
  CHECK(blocked->student_id == 1);
  CHECK(blocked->end_reason == "lost");
  CHECK_FALSE(ok(blocked_card(*db, "BB02")));
  REQUIRE(end_held_card(*db, 1, "BB02", domain::CardEnd::replaced, 30, "2026-12-07T09:00:00.000Z"));
  CHECK_FALSE(ok(blocked_card(*db, "BB02")));  // replaced is no block
  const auto history = ok(card_history(*db, 1));
  REQUIRE(history.size() == 2);
  CHECK(history[0].card == "BB02");  // newest first
  CHECK(history[0].end_reason == "replaced");
  CHECK(history[0].issued_by->name == "Секретарь Ольга");
  CHECK(history[1].card == "AA01");
  CHECK(history[1].ended_by->uuid == "u30");
  CHECK(count(*db, "SELECT count(*) FROM students WHERE card='BB02'") == 1);
  // One card held at a time: a second open row for the pupil is refused by the index.
  REQUIRE(open_card(*db, 1, "CC03", 30, "2026-12-07T10:00:00.000Z"));
  CHECK_FALSE(open_card(*db, 1, "DD04", 30, "2026-12-07T10:00:00.000Z"));
}
