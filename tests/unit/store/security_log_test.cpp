// Tests of the class teacher's narrow read of the security log: only the class's pupils, only the
// anomalies that name a pupil, only the instants asked for, oldest first, at most the limit.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/security_log.hpp"
#include "support/migrated_db.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

// Class 5А (Анна, Борис) and 6Б (Вера); two kiosks; the log of Tuesday 2026-11-24 and the day after.
void seed(store::Db& db) {
  REQUIRE(db.exec(R"SQL(
    INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '5А', 5, 'А'), (2, 'c2', '6Б', 6, 'Б');
    INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES
      (1, 'p1', 'Петрова', 'Анна', 1), (2, 'p2', 'Смирнов', 'Борис', 1), (3, 'p3', 'Орлова', 'Вера', 2);
    INSERT INTO kiosks(id, uuid, name, created_at) VALUES (1, 'k1', 'Главный вход', ''), (2, 'k2', 'Двор', '');
    INSERT INTO security_events(uuid, at, kind, kiosk_id, card, student_id, detail) VALUES
      ('e1', '2026-11-24T05:10:00.000Z', 'already_inside', 1, 'AA01', 1, 'x'),
      ('e2', '2026-11-24T04:50:00.000Z', 'two_entrances', 2, 'BB02', 2, 'x'),
      ('e3', '2026-11-24T05:00:00.000Z', 'two_entrances', 1, 'CC03', 3, 'another class'),
      ('e4', '2026-11-24T05:20:00.000Z', 'unknown_cards', 1, 'F00D', NULL, 'nobody'),
      ('e5', '2026-11-24T05:30:00.000Z', 'audit_mismatch', NULL, '', 1, 'the audit check, not the entrance'),
      ('e6', '2026-11-24T05:40:00.000Z', 'pin_locked', 1, 'AA01', 1, 'the hall kiosk'),
      ('e7', '2026-11-25T05:00:00.000Z', 'already_inside', 1, 'AA01', 1, 'the next day');
  )SQL"));
}

std::vector<std::string> ids(const Result<std::vector<store::SecurityEventRecord>>& r) {
  REQUIRE(r);
  std::vector<std::string> out;
  for (const auto& e : *r) out.push_back(e.uuid);
  return out;
}

}  // namespace

TEST_CASE("a class's anomalies: its pupils' entrance alarms of the range, oldest first") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  const auto day = store::pupil_anomalies_of_class(*db, 1, "2026-11-23T21:00:00.000Z", "2026-11-24T20:59:59.999Z", 10);
  CHECK(ids(day) == std::vector<std::string>{"e2", "e1"});
  const auto& first = day->front();
  CHECK(first.kind == "two_entrances");
  CHECK(first.kiosk == "Двор");
  CHECK(first.student_uuid == std::optional<std::string>("p2"));
  CHECK(first.student_name == "Борис Смирнов");
  CHECK(first.class_name == "5А");

  CHECK(ids(store::pupil_anomalies_of_class(*db, 2, "2026-11-23T21:00:00.000Z", "2026-11-24T20:59:59.999Z", 10)) ==
        std::vector<std::string>{"e3"});
  CHECK(ids(store::pupil_anomalies_of_class(*db, 1, "2026-11-23T21:00:00.000Z", "2026-11-25T20:59:59.999Z", 10)) ==
        std::vector<std::string>{"e2", "e1", "e7"});
  CHECK(ids(store::pupil_anomalies_of_class(*db, 1, "2026-11-23T21:00:00.000Z", "2026-11-25T20:59:59.999Z", 2)) ==
        std::vector<std::string>{"e2", "e1"});
  CHECK(ids(store::pupil_anomalies_of_class(*db, 1, "2026-11-26T00:00:00.000Z", "2026-11-26T23:59:59.999Z", 10)).empty());
}

TEST_CASE("the office's log still lists every event of the range") {
  TempDir dir;
  auto db = migrated_db(dir);
  seed(*db);
  CHECK(ids(store::security_events_between(*db, "2026-11-23T21:00:00.000Z", "2026-11-24T20:59:59.999Z", 10)) ==
        std::vector<std::string>{"e2", "e3", "e1", "e4", "e5", "e6"});
}
