// Tests of the audit check: a journal changed beside its audit trail is found, row by row.
#include <catch2/catch.hpp>

#include "migrated_db.hpp"
#include "store/audit.hpp"
#include "store/audit_check.hpp"

using namespace classbook;
using namespace classbook::store;

namespace {

// A class with two pupils, one lesson and a subject; marks, attendance and term grades are added
// by each test, with audit entries shaped as app/writes.cpp and app/grading.cpp write them.
struct Journal {
  test::TempDir dir;
  std::unique_ptr<Db> db = test::migrated_db(dir);

  Journal() {
    REQUIRE(db->exec(R"SQL(
      INSERT INTO work_types(id, code, name, weight) VALUES (1, 'oral', 'Устный ответ', 1), (2, 'test', 'Контрольная', 3);
      INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Смирнова', 'Ольга');
      INSERT INTO classes(id, uuid, name, grade, letter) VALUES (1, 'c1', '7А', 7, 'А');
      INSERT INTO students(id, uuid, last_name, first_name, class_id) VALUES (1, 's1', 'Петрова', 'Анна', 1), (2, 's2', 'Орлов', 'Иван', 1);
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 'j1', 'Алгебра', 'Алг');
      INSERT INTO lessons(id, uuid, date, period, class_id, subject_id, teacher_id) VALUES (1, 'l1', '2026-11-16', 2, 1, 1, 1);
    )SQL"));
  }
  void exec(const std::string& sql) { REQUIRE(db->exec(sql)); }
  // Appends one entry after the chain's head, as the writer does.
  void audit(const std::string& entity, const std::string& uuid, const std::string& action, const std::string& before,
             const std::string& after) {
    auto& h = db->prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    std::int64_t seq = 0;
    std::string prev = audit_genesis_hash;
    REQUIRE(h.each([&](Stmt& r) { seq = r.i64(0), prev = r.text(1); }));
    AuditEntry e{seq + 1, "2026-11-16T08:00:00.000Z", 1, entity, uuid, action, before, after};
    REQUIRE(insert_audit_entry(*db, e, prev, audit_hash(prev, e)));
  }
  static std::string mark(const std::string& id, const std::string& student, int value, const std::string& work_type,
                          int weight, const std::string& comment = "") {
    return R"({"id":")" + id + R"(","student":")" + student + R"(","lesson":"l1","value":)" + std::to_string(value) +
           R"(,"work_type":")" + work_type + R"(","weight":)" + std::to_string(weight) + R"(,"comment":")" + comment + R"("})";
  }
  // A mark given, then changed, then a second one given and deleted; attendance set and changed;
  // a term grade set and changed — each with its entries.
  void write_a_day() {
    exec("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
         "VALUES ('m1', 1, 1, 4, 1, 1, 'x', 'x'), ('m2', 2, 1, 3, 1, 1, 'x', 'x')");
    audit("mark", "m1", "create", "{}", mark("m1", "s1", 4, "oral", 1));
    audit("mark", "m2", "create", "{}", mark("m2", "s2", 3, "oral", 1));
    exec("UPDATE marks SET value=5, work_type_id=2, comment='после пересдачи' WHERE uuid='m1'");
    audit("mark", "m1", "update", mark("m1", "s1", 4, "oral", 1),
          R"({"mark":)" + mark("m1", "s1", 5, "test", 3, "после пересдачи") + R"(,"reason":"пересдал"})");
    exec("UPDATE marks SET deleted_at='y', deleted_reason='ошибка' WHERE uuid='m2'");
    audit("mark", "m2", "delete", mark("m2", "s2", 3, "oral", 1), R"({"reason":"ошибка"})");
    exec("INSERT INTO attendance(lesson_id, student_id, presence, late_minutes, set_by, set_at) VALUES (1, 2, 'late', 5, 1, 'x')");
    audit("attendance", "l1/s2", "create", "{}", R"({"lesson":"l1","student":"s2","presence":"late","late_minutes":5})");
    exec("UPDATE attendance SET presence='absent_unexcused', late_minutes=0 WHERE student_id=2");
    audit("attendance", "l1/s2", "update", R"({"lesson":"l1","student":"s2","presence":"late","late_minutes":5})",
          R"({"lesson":"l1","student":"s2","presence":"absent_unexcused","late_minutes":0})");
    exec("INSERT INTO term_grades(student_id, subject_id, term, uuid, grade, proposed, set_by, set_at) "
         "VALUES (1, 1, 2, 'g1', 5, 4, 1, 'x')");
    audit("term_grade", "g1", "create", "{}", R"({"student":"s1","subject":"j1","term":2,"grade":5,"proposed":4})");
  }
  AuditDataVerdict check() {
    auto v = verify_audit_matches_data(*db);
    REQUIRE(v);
    return *v;
  }
};

}  // namespace

TEST_CASE("a journal written with its audit entries matches its trail") {
  Journal j;
  j.write_a_day();
  const auto v = j.check();
  CHECK(v.rows_checked == 4);  // two marks, one attendance entry, one term grade
  CHECK(v.mismatch_count == 0);
  CHECK(v.mismatches.empty());
  CHECK(v.ok());
}

TEST_CASE("a mark changed by hand in the database is named with the audit's value and the current one") {
  Journal j;
  j.write_a_day();
  j.exec("UPDATE marks SET value=2 WHERE uuid='m1'");
  const auto v = j.check();
  REQUIRE(v.mismatch_count == 1);
  const auto& m = v.mismatches.at(0);
  CHECK(m.entity == "mark");
  CHECK(m.key == "m1");
  CHECK(m.problem == "was changed without an audit entry");
  CHECK(m.audit_seq == 3);
  REQUIRE(m.differences.size() == 1);
  CHECK(m.differences[0].field == "value");
  CHECK(m.differences[0].in_audit == "5");
  CHECK(m.differences[0].now == "2");
  CHECK(m.student_id == 1);
  CHECK(m.row == "Петрова Анна (7А), 2026-11-16 period 2 Алгебра");
  CHECK(describe(m) == "mark m1 was changed without an audit entry (latest audit entry 3): value: audit 5, now 2"
                       " — Петрова Анна (7А), 2026-11-16 period 2 Алгебра");
}

TEST_CASE("undeleting a mark, or changing its comment or work type by hand, is found") {
  Journal j;
  j.write_a_day();
  j.exec("UPDATE marks SET deleted_at=NULL WHERE uuid='m2'");
  j.exec("UPDATE marks SET comment='', work_type_id=1 WHERE uuid='m1'");
  const auto v = j.check();
  REQUIRE(v.mismatch_count == 2);
  std::string all;
  for (const auto& m : v.mismatches) all += describe(m) + "\n";
  CHECK(all.find("mark m2 was changed without an audit entry (latest audit entry 4): deleted: audit 'yes', now 'no'") !=
        std::string::npos);
  CHECK(all.find("work_type: audit 'test', now 'oral'; comment: audit 'после пересдачи', now ''") != std::string::npos);
}

TEST_CASE("attendance and term grades changed by hand are found") {
  Journal j;
  j.write_a_day();
  j.exec("UPDATE attendance SET presence='absent_illness' WHERE student_id=2");
  j.exec("UPDATE term_grades SET grade=3");
  const auto v = j.check();
  REQUIRE(v.mismatch_count == 2);
  const auto& a = v.mismatches.at(0);
  CHECK(a.entity == "attendance");
  CHECK(a.key == "l1/s2");
  REQUIRE(a.differences.size() == 1);
  CHECK(a.differences[0].field == "presence");
  CHECK(a.differences[0].in_audit == "'absent_unexcused'");
  CHECK(a.differences[0].now == "'absent_illness'");
  CHECK(a.row == "Орлов Иван (7А), 2026-11-16 period 2 Алгебра");
  const auto& g = v.mismatches.at(1);
  CHECK(g.entity == "term_grade");
  CHECK(describe(g) == "term_grade g1 was changed without an audit entry (latest audit entry 7): grade: audit 5, now 3"
                       " — Петрова Анна (7А), term grade in Алгебра");
}

TEST_CASE("rows without an audit entry, and audited rows that are gone, are found") {
  Journal j;
  j.write_a_day();
  j.exec("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
         "VALUES ('m3', 2, 1, 5, 1, 1, 'x', 'x')");
  j.exec("INSERT INTO attendance(lesson_id, student_id, presence, set_by, set_at) VALUES (1, 1, 'absent_illness', 1, 'x')");
  j.exec("DELETE FROM term_grades WHERE uuid='g1'");
  j.exec("DELETE FROM marks WHERE uuid='m2'");
  const auto v = j.check();
  REQUIRE(v.mismatch_count == 4);
  std::vector<std::string> lines;
  for (const auto& m : v.mismatches) lines.push_back(describe(m));
  CHECK(lines[0] == "mark m3 has no audit entry: student: audit —, now 's2'; lesson: audit —, now 'l1'; value: audit —, "
                    "now 5; work_type: audit —, now 'oral'; comment: audit —, now ''; deleted: audit —, now 'no'"
                    " — Орлов Иван (7А), 2026-11-16 period 2 Алгебра");
  CHECK(lines[1] == "mark m2 is missing, though its latest audit entry (delete) says it exists (latest audit entry 4)"
                    " — Орлов Иван (7А), 2026-11-16 period 2 Алгебра");
  CHECK(lines[2].rfind("attendance l1/s1 has no audit entry: presence: audit —, now 'absent_illness'", 0) == 0);
  CHECK(lines[3] == "term_grade g1 is missing, though its latest audit entry (create) says it exists (latest audit entry 7)"
                    " — Петрова Анна (7А), term grade in Алгебра");
}

TEST_CASE("past the listed limit the mismatches are counted but not all kept") {
  Journal j;
  j.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
         "INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, set_by, created_at, updated_at) "
         "SELECT 'x' || i, 1, 1, 4, 1, 1, 'x', 'x' FROM n");
  const auto v = j.check();
  CHECK(v.rows_checked == 150);
  CHECK(v.mismatch_count == 150);
  CHECK(v.mismatches.size() == max_audit_mismatches_listed);
}

TEST_CASE("a journal written outside the use cases gets create entries that match it, chained") {
  Journal j;
  j.write_a_day();
  j.exec("INSERT INTO marks(uuid, student_id, lesson_id, value, work_type_id, comment, set_by, created_at, updated_at) "
         "VALUES ('m3', 2, 1, 5, 2, 'молодец', 1, '2026-11-16T09:00:00.000Z', 'x')");
  j.exec("INSERT INTO attendance(lesson_id, student_id, presence, late_minutes, set_by, set_at) "
         "VALUES (1, 1, 'late', 3, 1, '2026-11-16T08:05:00.000Z')");
  j.exec("INSERT INTO term_grades(student_id, subject_id, term, uuid, grade, proposed, set_by, set_at) "
         "VALUES (2, 1, 2, 'g2', 4, NULL, 1, 'x')");
  REQUIRE(j.check().mismatch_count == 3);
  auto written = audit_unaudited_journal(*j.db);
  REQUIRE(written);
  CHECK(*written == 3);
  CHECK(j.check().ok());
  auto chain = verify_audit_chain(*j.db);
  REQUIRE(chain);
  CHECK(chain->first_bad_seq == 0);
  CHECK(chain->entries == 10);
  CHECK(*audit_unaudited_journal(*j.db) == 0);
}
