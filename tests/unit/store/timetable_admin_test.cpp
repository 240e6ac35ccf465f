// timetable_admin_test: the store side of timetable_admin — bells and the template round-trip,
// changes as one row each with a uuid and a group (and migration 4 folding old two-row moves), what
// the journal holds per lesson, and making a day's lessons through the real writer (rows, audit and
// outbox), against a real SQLite file.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;

#include "classbook/common/crypto.hpp"
#include "store/schema.hpp"
#include "store/timetable_admin.hpp"
#include "store/writer.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {

const domain::Date tuesday = *domain::parse_date("2026-12-01");

// Two classes and three teachers: Иванова teaches maths in 5А and 6Б, Петров physics in 5А.
// 5А has maths (lesson 1, room 215) and physics (lesson 2, room 216) on Tuesdays.
struct School {
  test::TempDir dir;
  FakeClock clock{[] {
    TimePoint t;
    parse_utc("2026-11-29T05:00:00Z", t);
    return t;
  }()};
  std::unique_ptr<Writer> writer;
  std::unique_ptr<Db> db;  // the test's own connection, for fixtures and counts

  School() {
    { auto created = Db::open(dir.file("s.db"), Db::Mode::read_write_create); REQUIRE(created); }
    auto w = Writer::start(dir.file("s.db"), clock);
    REQUIRE(w);
    writer = std::move(*w);
    auto opened = Db::open(dir.file("s.db"), Db::Mode::read_write);
    REQUIRE(opened);
    db = std::move(*opened);
    REQUIRE(db->exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name, middle_name) VALUES
        (1, 't1', 'Иванова', 'Мария', 'Петровна'), (2, 't2', 'Петров', 'Олег', ''), (3, 't3', 'Сидоров', 'Иван', 'Ильич');
      INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А'), (2, 'c2', '6Б', 6, 'Б');
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'мат'), (2, 's2', 'Физика', 'физ');
      INSERT INTO teaching VALUES (1, 1, 1), (1, 2, 2), (2, 1, 1);
      INSERT INTO rooms(id, name) VALUES (1, '215'), (2, '216');
      INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 'p1', 'А', 'Аня', 1);
      INSERT INTO work_types(id, code, name, weight) VALUES (1, 'classwork', 'Работа на уроке', 1);
      INSERT INTO timetable VALUES (1, 2, 1, 0, 1, 1, 1), (1, 2, 2, 0, 2, 2, 2);
    )SQL"));
    REQUIRE(put_bell_variant(*db, domain::default_bell_schedule()));
    for (int d = 1; d <= 5; ++d) REQUIRE(set_weekday_bells(*db, d, std::string("основное")));
  }

  std::int64_t count(const std::string& sql) {
    auto& q = db->prepare(sql);
    REQUIRE(q.next().value());
    const auto n = q.i64(0);
    REQUIRE(q.run());
    return n;
  }

  MadeLessons make(domain::Date day) {
    Result<MadeLessons> made = make_error(Errc::internal, "test.not_run", "not run");
    REQUIRE(writer->run([&](WriteContext& w) -> Status {
      made = make_lessons_on(w, day, 7);
      return made ? ok_status() : Status(made.error());
    }));
    REQUIRE(made);
    return *made;
  }
};

}  // namespace

TEST_CASE("bells round-trip with their meal breaks, and a weekday can lose its bells") {
  School s;
  const auto week = ok(load_week_bells(*s.db));
  REQUIRE(week.variants.size() == 1);
  CHECK(week.variants[0].variant == "основное");
  CHECK(week.variants[0].periods.size() == 8);
  CHECK(week.variants[0].periods[1].break_after_name == domain::breakfast_break);
  CHECK(week.variants[0].periods[0].break_after_name.empty());
  CHECK(week.by_weekday.size() == 5);
  CHECK(ok(bell_variant_json(*s.db, "основное")).find(R"("number":2,"start_minute":565,"end_minute":610,"break_after":"завтрак")") !=
        std::string::npos);

  domain::BellSchedule saturday{"суббота", {{1, 9 * 60, 9 * 60 + 40, ""}, {2, 9 * 60 + 50, 10 * 60 + 30, ""}}};
  REQUIRE(put_bell_variant(*s.db, saturday));
  REQUIRE(set_weekday_bells(*s.db, 6, std::string("суббота")));
  REQUIRE(set_weekday_bells(*s.db, 5, std::nullopt));
  saturday.periods.pop_back();
  REQUIRE(put_bell_variant(*s.db, saturday));  // replaces, does not add
  const auto after = ok(load_week_bells(*s.db));
  REQUIRE(after.variants.size() == 2);
  CHECK(after.variants[1].periods.size() == 1);
  CHECK(after.by_weekday.count(5) == 0);
  CHECK(after.by_weekday.at(6) == "суббота");
  CHECK(ok(weekday_bells_json(*s.db, 5)) == R"({"weekday":5,"variant":null})");
  CHECK(ok(weekday_bells_json(*s.db, 6)) == R"({"weekday":6,"variant":"суббота"})");
}

TEST_CASE("a class's template with names, its JSON snapshot and its replacement") {
  School s;
  const auto week = ok(class_timetable(*s.db, 1));
  REQUIRE(week.size() == 2);
  CHECK(week[0].subject.name == "Математика");
  CHECK(week[0].teacher.name == "Иванова М.П.");
  CHECK(week[1].teacher.name == "Петров О.");  // no patronymic, no second initial
  CHECK(week[0].room == "215");
  CHECK(ok(class_timetable_json(*s.db, 1)) ==
        R"({"class":"c1","lessons":[{"weekday":2,"period":1,"group":0,"subject":"s1","teacher":"t1","room":"215"},)"
        R"({"weekday":2,"period":2,"group":0,"subject":"s2","teacher":"t2","room":"216"}]})");
  REQUIRE(replace_class_timetable(*s.db, 1, {{1, 3, 4, 0, 1, 1, std::nullopt}}));
  CHECK(ok(class_timetable_json(*s.db, 1)) ==
        R"({"class":"c1","lessons":[{"weekday":3,"period":4,"group":0,"subject":"s1","teacher":"t1","room":null}]})");
  CHECK(ok(class_timetable_json(*s.db, 2)) == R"({"class":"c2","lessons":[]})");
  CHECK(ok(timetable_slots(*s.db, 2)).empty());
  CHECK(ok(timetable_slots(*s.db)).size() == 1);
  const auto teaching = ok(class_teaching(*s.db, 1));
  REQUIRE(teaching.size() == 2);
  CHECK((teaching[0].subject.name == "Математика" && teaching[0].teacher.id == "t1"));
}

TEST_CASE("a change is one row named by its uuid, a move included, with its group and who made it") {
  School s;
  domain::TimetableChange move;
  move.date = tuesday;
  move.class_id = 1;
  move.period = 1;
  move.kind = domain::ChangeKind::moved;
  move.new_period = 5;
  move.room_id = 2;
  REQUIRE(insert_change(*s.db, "u-move", move, 4, "2026-11-29T05:00:00Z"));
  domain::TimetableChange sub;
  sub.date = tuesday;
  sub.class_id = 1;
  sub.period = 2;
  sub.group_no = 2;
  sub.teacher_id = 3;
  sub.note = "на курсах";
  REQUIRE(insert_change(*s.db, "u-sub", sub, 4, "2026-11-29T05:00:00Z"));
  CHECK(s.count("SELECT count(*) FROM timetable_changes") == 2);
  CHECK(s.count("SELECT new_period FROM timetable_changes WHERE uuid='u-move'") == 5);

  const auto day = ok(changes_on(*s.db, tuesday));
  REQUIRE(day.size() == 2);
  CHECK(day[0].uuid == "u-move");
  CHECK(day[0].change.new_period == 5);
  CHECK(day[0].change.group_no == 0);
  CHECK(day[0].room == "216");
  CHECK(day[0].created_by == 4);
  CHECK(day[0].created_at == "2026-11-29T05:00:00Z");
  CHECK(day[1].change.group_no == 2);
  CHECK(day[1].change.note == "на курсах");
  CHECK(day[1].teacher->name == "Сидоров И.И.");
  CHECK(ok(find_change(*s.db, "u-sub"))->change.period == 2);
  CHECK_FALSE(ok(find_change(*s.db, "u-none")));
  CHECK(ok(changes_between(*s.db, 1, tuesday, tuesday, 10)).size() == 2);
  CHECK(ok(changes_between(*s.db, 2, tuesday, tuesday, 10)).empty());
  CHECK(ok(change_json(*s.db, day[1])) ==
        R"({"id":"u-sub","date":"2026-12-01","class":"c1","period":2,"group":2,"kind":"substitution","subject":null,)"
        R"("teacher":"t3","room":null,"to_period":null,"note":"на курсах","created_by":null,)"
        R"("created_at":"2026-11-29T05:00:00Z"})");

  REQUIRE(delete_change(*s.db, "u-move"));
  CHECK(s.count("SELECT count(*) FROM timetable_changes") == 1);
  REQUIRE(delete_change(*s.db, "u-sub"));
  CHECK(s.count("SELECT count(*) FROM timetable_changes") == 0);
}

TEST_CASE("a class's change days from a date on bring every class's changes of those days, in the order made") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO timetable_changes(id, uuid, date, class_id, period, kind) VALUES
      (1, 'a', '2026-11-24', 1, 1, 'cancelled'), (2, 'b', '2026-12-01', 2, 3, 'cancelled'),
      (3, 'c', '2026-12-01', 1, 2, 'cancelled'), (4, 'd', '2026-12-08', 2, 1, 'cancelled'),
      (5, 'e', '2026-12-15', 1, 1, 'cancelled'), (6, 'f', '2026-11-30', 1, 1, 'cancelled');
  )SQL"));
  std::vector<std::string> uuids;
  for (const auto& c : ok(change_days_of_class(*s.db, 1, *domain::parse_date("2026-11-30")))) uuids.push_back(c.uuid);
  // not 'a' (before), not 'd' (a day without a change of class 1); 'b' as the context of 'c'
  CHECK(uuids == std::vector<std::string>{"f", "b", "c", "e"});
  CHECK(ok(change_days_of_class(*s.db, 2, *domain::parse_date("2026-12-02"))).size() == 1);
}

TEST_CASE("migration 4 folds an old two-row move into one row and gives every change a uuid") {
  test::TempDir dir;
  auto db = Db::open(dir.file("old.db"), Db::Mode::read_write_create);
  REQUIRE(db);
  // timetable_changes as migration 1 made it, with a move kept the old way (leaving half, then the
  // arriving half with the next id and a NULL note) beside a cancellation. Migration 4 touches
  // nothing else, so a database holding only this table at version 3 is enough — with the tables
  // migration 5 extends (kiosks, taps, presence), migration 6 watches (teaching), migration 7
  // watches (users), migration 8 re-indexes (marks, attendance), migration 9 re-indexes (taps) and
  // migration 10 extends (thread_members, reading messages) and migration 15 reads (students: the cards
  // held open the card history), as migration 1 made them.
  REQUIRE((*db)->exec(R"SQL(
    CREATE TABLE marks (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, student_id INTEGER NOT NULL,
      lesson_id INTEGER NOT NULL, value INTEGER NOT NULL, work_type_id INTEGER NOT NULL,
      comment TEXT NOT NULL DEFAULT '', set_by INTEGER NOT NULL, created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL, deleted_at TEXT, deleted_reason TEXT);
    CREATE INDEX marks_student ON marks(student_id, lesson_id);
    CREATE TABLE attendance (lesson_id INTEGER NOT NULL, student_id INTEGER NOT NULL, presence TEXT NOT NULL,
      late_minutes INTEGER NOT NULL DEFAULT 0, set_by INTEGER NOT NULL, set_at TEXT NOT NULL,
      PRIMARY KEY (lesson_id, student_id)) WITHOUT ROWID;
    CREATE INDEX attendance_student ON attendance(student_id);
    CREATE TABLE teaching (class_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, teacher_id INTEGER NOT NULL,
      PRIMARY KEY (class_id, subject_id, teacher_id)) WITHOUT ROWID;
    CREATE TABLE users (id INTEGER PRIMARY KEY, password_hash TEXT NOT NULL, role TEXT NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 1, disabled INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE kiosks (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
      cert_fingerprint TEXT UNIQUE, token_hash TEXT UNIQUE, revoked INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
    CREATE TABLE taps (id INTEGER PRIMARY KEY, tap_id TEXT NOT NULL UNIQUE, student_id INTEGER, card TEXT NOT NULL,
      reader TEXT NOT NULL, kiosk TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, result TEXT NOT NULL, received_at TEXT NOT NULL);
    CREATE INDEX taps_student ON taps(student_id, at);
    CREATE TABLE presence (student_id INTEGER PRIMARY KEY, inside INTEGER NOT NULL, last_at TEXT NOT NULL);
    CREATE TABLE students (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, last_name TEXT NOT NULL,
      first_name TEXT NOT NULL, middle_name TEXT NOT NULL DEFAULT '', birth_date TEXT,
      class_id INTEGER NOT NULL, card TEXT UNIQUE, group_no INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE thread_members (thread_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
      PRIMARY KEY (thread_id, user_id)) WITHOUT ROWID;
    CREATE TABLE messages (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, thread_id INTEGER NOT NULL,
      author_user INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE timetable_changes (id INTEGER PRIMARY KEY, date TEXT NOT NULL, class_id INTEGER NOT NULL,
      period INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('substitution','cancelled','room','moved')),
      subject_id INTEGER, teacher_id INTEGER, room_id INTEGER, note TEXT);
    INSERT INTO timetable_changes VALUES (1, '2026-12-01', 1, 2, 'moved', NULL, NULL, 2, 'в спортзал'),
      (2, '2026-12-01', 1, 6, 'moved', NULL, NULL, NULL, NULL), (3, '2026-12-01', 1, 1, 'cancelled', NULL, NULL, NULL, '');
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
    PRAGMA user_version=3;
  )SQL"));
  REQUIRE(migrate(**db));
  auto count = [&](const std::string& sql) {
    auto& q = (*db)->prepare(sql);
    REQUIRE(q.next().value());
    const auto n = q.i64(0);
    REQUIRE(q.run());
    return n;
  };
  CHECK(count("PRAGMA user_version") == current_schema_version());
  CHECK(count("SELECT count(*) FROM timetable_changes") == 2);
  CHECK(count("SELECT new_period FROM timetable_changes WHERE id=1 AND period=2 AND room_id=2") == 6);
  CHECK(count("SELECT count(*) FROM timetable_changes WHERE group_no=0 AND created_by=0 AND created_at=''") == 2);
  auto& q = (*db)->prepare("SELECT uuid FROM timetable_changes ORDER BY id");
  std::vector<std::string> uuids;
  while (q.next().value()) uuids.push_back(q.text(0));
  REQUIRE(uuids.size() == 2);
  CHECK(is_uuid(uuids[0]));
  CHECK(uuids[0][14] == '4');  // version 4, as new_uuid makes them
  CHECK(is_uuid(uuids[1]));
  CHECK(uuids[0] != uuids[1]);
}

TEST_CASE("a lesson row says what the journal holds for it") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id, topic) VALUES
      (10, 'l10', '2026-12-01', 1, 1, 1, 1, 'Дроби'), (11, 'l11', '2026-12-01', 2, 1, 2, 2, ''),
      (12, 'l12', '2026-12-02', 1, 2, 1, 1, '');
    INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at, deleted_at)
      VALUES ('m1', 1, 10, 5, 1, 1, '', '', NULL), ('m2', 1, 10, 4, 1, 1, '', '', 'x');
    INSERT INTO attendance(lesson_id, student_id, presence, set_by, set_at) VALUES (10, 1, 'late', 1, '');
    INSERT INTO homework(uuid, lesson_id, text, due_date, created_at, revised_at) VALUES ('h1', 11, '№1', '2026-12-02', '', '');
    INSERT INTO dots(uuid, student_id, lesson_id, set_on, expires_on, set_by) VALUES ('d1', 1, 11, '2026-12-01', '2026-12-08', 1);
  )SQL"));
  const auto rows = ok(lesson_rows(*s.db, tuesday, tuesday));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].id == 10);
  CHECK(rows[0].use.marks == 2);  // a deleted mark's history still hangs off the lesson
  CHECK(rows[0].use.attendance == 1);
  CHECK(rows[0].use.topic);
  CHECK(rows[1].use.homework == 1);
  CHECK(rows[1].use.dots == 1);
  CHECK_FALSE(rows[1].use.topic);
  CHECK(ok(lesson_rows(*s.db, tuesday, domain::add_days(tuesday, 1), 2)).size() == 1);
  CHECK(ok(lesson_json(*s.db, 12)) ==
        R"({"id":"l12","date":"2026-12-02","period":1,"class":"c2","group":0,"subject":"s1","teacher":"t1",)"
        R"("room":null,"cancelled":false})");
}

TEST_CASE("making a day's lessons: rows with uuids, one audit and outbox row each, and nothing the second time") {
  School s;
  const auto first = s.make(tuesday);
  CHECK(first.days == 1);
  CHECK(first.created == 2);
  CHECK(first.conflict_count == 0);
  CHECK(s.count("SELECT count(*) FROM lessons WHERE date='2026-12-01' AND class_id=1 AND length(uuid)=36") == 2);
  CHECK(s.count("SELECT count(*) FROM lessons WHERE period=1 AND teacher_id=1 AND room_id=1 AND subject_id=1") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='lesson' AND action='create' AND actor_user=7") == 2);
  CHECK(s.count("SELECT count(*) FROM outbox WHERE entity='lesson' AND op='upsert'") == 2);
  CHECK(s.count("SELECT count(*) FROM outbox o JOIN lessons l ON l.uuid=o.uuid "
                "WHERE json_extract(o.payload, '$.teacher')='t1' AND json_extract(o.payload, '$.room')='215'") == 1);

  const auto again = s.make(tuesday);
  CHECK(again.created == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 2);
  CHECK(s.count("SELECT count(*) FROM audit") == 2);
  CHECK(s.count("SELECT count(*) FROM outbox") == 2);
  CHECK(describe(again) == "1 school day: 0 created, 0 updated, 2 unchanged, 0 removed, 0 conflicts");

  SECTION("a day without timetable lessons makes none") {
    CHECK(s.make(domain::add_days(tuesday, 1)).created == 0);
  }
  SECTION("a substitution recorded later updates the empty row") {
    domain::TimetableChange sub;
    sub.date = tuesday;
    sub.class_id = 1;
    sub.period = 2;
    sub.teacher_id = 3;
    REQUIRE(insert_change(*s.db, "u-sub", sub, 7, "2026-11-29T05:00:00Z"));
    const auto made = s.make(tuesday);
    CHECK(made.updated == 1);
    CHECK(s.count("SELECT teacher_id FROM lessons WHERE date='2026-12-01' AND period=2") == 3);
    CHECK(s.count("SELECT count(*) FROM audit WHERE entity='lesson' AND action='update' "
                  "AND json_extract(before, '$.teacher')='t2' AND json_extract(after, '$.teacher')='t3'") == 1);
  }
  SECTION("a row with a mark is kept and reported when the timetable moves away from it") {
    REQUIRE(s.db->exec(
        "INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
        "SELECT 'm1', 1, id, 5, 1, 1, '', '' FROM lessons WHERE period=1"));
    REQUIRE(replace_class_timetable(*s.db, 1, {{1, 2, 2, 0, 2, 2, 2}}));  // lesson 1 is gone
    const auto made = s.make(tuesday);
    CHECK(made.removed == 0);
    CHECK(made.unchanged == 1);
    REQUIRE(made.conflict_count == 1);
    CHECK(made.conflicts[0].klass.id == "c1");
    CHECK(made.conflicts[0].klass.name == "5А");
    CHECK(made.conflicts[0].period == 1);
    CHECK(made.conflicts[0].reason.find("holds 1 mark") != std::string::npos);
    CHECK(s.count("SELECT count(*) FROM lessons WHERE period=1") == 1);
  }
  SECTION("an empty row the timetable no longer wants is removed, with audit and outbox") {
    REQUIRE(replace_class_timetable(*s.db, 1, {{1, 2, 2, 0, 2, 2, 2}}));
    const auto made = s.make(tuesday);
    CHECK(made.removed == 1);
    CHECK(s.count("SELECT count(*) FROM lessons WHERE period=1") == 0);
    CHECK(s.count("SELECT count(*) FROM audit WHERE entity='lesson' AND action='delete'") == 1);
    CHECK(s.count("SELECT count(*) FROM outbox WHERE entity='lesson' AND op='delete'") == 1);
  }
  SECTION("lessons the bells no longer ring are reported, not made") {
    REQUIRE(s.db->exec("DELETE FROM lessons"));
    REQUIRE(set_weekday_bells(*s.db, 2, std::nullopt));
    const auto made = s.make(tuesday);
    CHECK(made.created == 0);
    CHECK(made.conflict_count == 2);
    CHECK(made.conflicts[0].reason.find("no bells ring on Tuesdays") != std::string::npos);
  }
}

TEST_CASE("rows following a change are written with an audit and an outbox row each") {
  School s;
  s.make(tuesday);
  auto rows = ok(lesson_rows(*s.db, tuesday, tuesday, 1));
  REQUIRE(rows.size() == 2);
  auto after = rows[0].lesson;
  after.teacher_id = 3;
  after.room_id = 2;
  REQUIRE(s.writer->run([&](WriteContext& w) { return update_lessons(w, 0, {{rows[0].id, rows[0].lesson, after}}); }));
  CHECK(s.count("SELECT count(*) FROM lessons WHERE period=1 AND teacher_id=3 AND room_id=2") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE action='update' AND actor_user=0 "
                "AND json_extract(after, '$.room')='216'") == 1);
  CHECK(s.count("SELECT count(*) FROM outbox WHERE entity='lesson'") == 3);
}

TEST_CASE("names for messages come from the database, with a fallback for a missing id") {
  School s;
  DbNamer names(*s.db);
  CHECK(names.class_name(1) == "5А");
  CHECK(names.teacher_name(1) == "Иванова М.П.");
  CHECK(names.subject_name(2) == "Физика");
  CHECK(names.room_name(1) == "215");
  CHECK(names.class_name(99) == "class 99");
  CHECK(ok(all_rooms(*s.db)).size() == 2);
  CHECK(ok(room_by_name(*s.db, "216")) == 2);
  CHECK_FALSE(ok(room_by_name(*s.db, "999")));
  auto id = insert_room(*s.db, "Спортзал");
  REQUIRE(id);
  CHECK(ok(all_rooms(*s.db)).back().name == "Спортзал");
  CHECK_FALSE(insert_room(*s.db, "215"));
}
