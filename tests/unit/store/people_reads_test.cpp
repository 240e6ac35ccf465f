// The store's reads that the diary and journals show: the one short form of a teacher's name, pupils
// who left dropping out of class lists after their leaving date, and a failed read that is an error.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "store/journal.hpp"
#include "store/people.hpp"
#include "support/migrated_db.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {
void seed(store::Db& db) {
  REQUIRE(db.exec(R"SQL(
    INSERT INTO teachers(id, uuid, last_name, first_name, middle_name) VALUES
      (1, 't1', 'Иванова', 'Мария', ''), (2, 't2', 'Петров', 'Иван', 'Сергеевич');
    INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А');
    INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'Мат');
    INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES
      (1, 'l1', '2026-11-24', 1, 1, 1, 1), (2, 'l2', '2026-11-24', 2, 1, 1, 2);
    INSERT INTO students(id, uuid, last_name, first_name, class_id, left_on) VALUES
      (1, 'p1', 'Петрова', 'Анна', 1, NULL), (2, 'p2', 'Смирнов', 'Борис', 1, '2026-11-20');
  )SQL"));
}
}  // namespace

TEST_CASE("a teacher's short name has no stray dot without a patronymic") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto without = store::find_lesson(*db, 1);
  REQUIRE(without);
  REQUIRE(*without);
  CHECK((*without)->teacher == "Иванова М.");
  auto with = store::find_lesson(*db, 2);
  REQUIRE(with);
  REQUIRE(*with);
  CHECK((*with)->teacher == "Петров И.С.");
}

TEST_CASE("a pupil who left is listed up to the leaving date and not after it") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  auto names = [&](const char* from) {
    auto pupils = store::students_of_class(*db, 1, *domain::parse_date(from));
    REQUIRE(pupils);
    std::vector<std::string> out;
    for (const auto& p : *pupils) out.push_back(p.name);
    return out;
  };
  CHECK(names("2026-11-16") == std::vector<std::string>{"Анна Петрова", "Борис Смирнов"});  // the week he left
  CHECK(names("2026-11-20") == std::vector<std::string>{"Анна Петрова", "Борис Смирнов"});  // his last day
  CHECK(names("2026-11-23") == std::vector<std::string>{"Анна Петрова"});                   // the week after
}

TEST_CASE("a read that fails is an error that says so, not an empty list") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  struct Off {
    ~Off() { store::faults::off(); }
  } off;
  store::faults::fail_from(1);
  auto pupils = store::students_of_class(*db, 1, *domain::parse_date("2026-11-16"));
  store::faults::off();
  REQUIRE_FALSE(pupils);
  CHECK(pupils.error().code == Errc::unavailable);
  CHECK(pupils.error().message.find("try again") != std::string::npos);
}

TEST_CASE("a database locked by another connection is reported as busy") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  REQUIRE(db->exec("PRAGMA journal_mode=DELETE"));
  auto other = store::Db::open(dir.file("s.db"), store::Db::Mode::read_write);
  REQUIRE(other);
  REQUIRE((*other)->exec("BEGIN EXCLUSIVE"));
  sqlite3_busy_timeout(db->raw(), 1);  // no need to wait out the real time-out here
  auto pupils = store::students_of_class(*db, 1, *domain::parse_date("2026-11-16"));
  REQUIRE((*other)->exec("ROLLBACK"));
  REQUIRE_FALSE(pupils);
  CHECK(pupils.error().code == Errc::unavailable);
  CHECK(pupils.error().message.find("(database busy); try again in a moment") != std::string::npos);
}
