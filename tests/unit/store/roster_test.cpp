// Tests of the roster repository against a real SQLite file: migration 2, classes with their counts,
// pupils who left, cards, guardians and links, staff, teaching, free logins and disabled accounts.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;

#include "store/roster.hpp"
#include "store/schema.hpp"
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
    // Class 5А led by teacher 1, class 6Б with none; pupils 1 and 2 in 5А (2 has left), 3 in 6Б;
    // guardian 1 is the parent of pupils 1 and 3.
    REQUIRE(db->exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name, middle_name) VALUES (1, 't1', 'Иванова', 'Мария', 'Петровна'),
        (2, 't2', 'Петров', 'Олег', '');
      INSERT INTO classes(id, uuid, name, grade, letter, profile, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', NULL, 1),
        (2, 'c2', '6Б', 6, 'Б', 'математический', NULL);
      INSERT INTO subjects(id, uuid, name, short_name) VALUES (1, 's1', 'Математика', 'мат'), (2, 's2', 'Биология', 'био');
      INSERT INTO teaching VALUES (1, 1, 2);
      INSERT INTO students(id, uuid, last_name, first_name, class_id, card, left_on) VALUES
        (1, 'p1', 'Сидорова', 'Аня', 1, 'A1', NULL), (2, 'p2', 'Белов', 'Борис', 1, NULL, '2026-10-01'),
        (3, 'p3', 'Сидоров', 'Глеб', 2, NULL, NULL);
      INSERT INTO guardians(id, uuid, last_name, first_name, phone) VALUES (1, 'g1', 'Сидорова', 'Ольга', '+79001234567');
      INSERT INTO student_guardians(student_id, guardian_id, relation) VALUES (1, 1, 'mother'), (3, 1, 'mother');
      INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
        (1, 'u1', 'sidorova.a', '', 'student', 1, 'Аня Сидорова', ''),
        (2, 'u2', 'sidorova.o', '', 'guardian', 1, 'Ольга Сидорова', ''),
        (3, 'u3', 'ivanova.m', '', 'teacher', 1, 'Мария Иванова', ''),
        (4, 'u4', 'sidorova.a2', '', 'student', 99, 'someone else', '');
      INSERT INTO sessions(token_hash, user_id, csrf, created_at, last_seen_at) VALUES ('h1', 1, 'c', '', ''), ('h2', 4, 'c', '', '');
    )SQL"));
  }

  int count(const char* sql) {
    auto& q = db->prepare(sql);
    REQUIRE(q.next().value());
    const int n = q.i32(0);
    REQUIRE(q.run());
    return n;
  }
};

}  // namespace

TEST_CASE("roster store: migration 2 adds the leaving date to pupils — a migrated school is at the current version", "[roster]") {
  School s;
  CHECK(current_schema_version() >= 2);
  CHECK(s.count("PRAGMA user_version") == current_schema_version());
  CHECK(s.count("SELECT count(*) FROM pragma_table_info('students') WHERE name IN ('left_on', 'left_reason')") == 2);
  CHECK(s.count("SELECT count(*) FROM sqlite_master WHERE type='index' AND name IN ('users_person', 'guardians_name')") == 2);
  REQUIRE(migrate(*s.db));  // a second run changes nothing
  CHECK(s.count("PRAGMA user_version") == current_schema_version());
}

namespace {
domain::Date day(const char* text) { return *domain::parse_date(text); }
}  // namespace

TEST_CASE("roster store: classes list their class teacher and count the pupils still at school", "[roster]") {
  School s;
  const auto classes = ok(all_classes(*s.db, day("2026-11-24")));
  REQUIRE(classes.size() == 2);
  CHECK(classes[0].name == "5А");
  CHECK(classes[0].pupil_count == 1);  // Белов left on 2026-10-01
  CHECK(ok(all_classes(*s.db, day("2026-10-01")))[0].pupil_count == 2);  // his last day
  CHECK(ok(all_classes(*s.db, day("2026-10-02")))[0].pupil_count == 1);
  CHECK(ok(find_class(*s.db, 1, day("2026-10-01")))->pupil_count == 2);
  CHECK(ok(find_class(*s.db, 1, day("2026-10-02")))->pupil_count == 1);
  CHECK(classes[0].class_teacher_uuid == "t1");
  CHECK(classes[0].class_teacher_name == "Иванова Мария Петровна");
  CHECK(classes[1].class_teacher_uuid.empty());
  CHECK(classes[1].profile == "математический");
  CHECK(ok(class_by_name(*s.db, "6Б")) == 2);
  CHECK_FALSE(ok(class_by_name(*s.db, "6В")));

  ClassRecord c;
  c.uuid = "c3";
  c.name = "5А";
  c.grade = 5;
  c.letter = "А";
  auto dup = insert_class(*s.db, c);
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == Errc::conflict);
  c.name = "5Б";
  c.letter = "Б";
  c.class_teacher_id = 2;
  auto id = insert_class(*s.db, c);
  REQUIRE(id);
  auto saved = ok(find_class(*s.db, *id, day("2026-11-24")));
  REQUIRE(saved);
  CHECK(saved->class_teacher_name == "Петров Олег");
  saved->class_teacher_id.reset();
  saved->profile = "гуманитарный";
  REQUIRE(update_class(*s.db, *saved));
  CHECK(ok(find_class(*s.db, *id, day("2026-11-24")))->class_teacher_uuid.empty());
  CHECK(ok(find_class(*s.db, *id, day("2026-11-24")))->profile == "гуманитарный");
}

TEST_CASE("roster store: pupils who left are listed only when asked for, with their accounts", "[roster]") {
  School s;
  // Белов left on 2026-10-01: listed up to that day, not after.
  CHECK(ok(pupils_of_class(*s.db, 1, day("2026-10-01"), false)).size() == 2);
  auto present = ok(pupils_of_class(*s.db, 1, day("2026-10-02"), false));
  REQUIRE(present.size() == 1);
  CHECK(present[0].uuid == "p1");
  REQUIRE(present[0].account);
  CHECK(present[0].account->login == "sidorova.a");  // not the other person's sidorova.a2
  CHECK(present[0].class_name == "5А");
  auto everyone = ok(pupils_of_class(*s.db, 1, day("2026-10-02"), true));
  REQUIRE(everyone.size() == 2);
  CHECK(everyone[0].last_name == "Белов");
  CHECK(everyone[0].left_on == "2026-10-01");
  CHECK_FALSE(everyone[0].account);

  auto holder = ok(pupil_with_card(*s.db, "A1"));
  REQUIRE(holder);
  CHECK(holder->uuid == "p1");
  CHECK_FALSE(ok(pupil_with_card(*s.db, "B2")));

  PupilRecord p;
  p.uuid = "p4";
  p.last_name = "Новикова";
  p.first_name = "Дарья";
  p.class_id = 2;
  p.card = "A1";  // Аня's card
  auto taken = insert_pupil(*s.db, p);
  REQUIRE_FALSE(taken);
  CHECK(taken.error().code == Errc::conflict);
  p.card = "C3";
  p.birth_date = "2014-05-06";
  p.group_no = 2;
  auto id = insert_pupil(*s.db, p);
  REQUIRE(id);
  auto saved = ok(find_pupil(*s.db, *id));
  REQUIRE(saved);
  CHECK(saved->birth_date == "2014-05-06");
  CHECK(saved->group_no == 2);
  saved->class_id = 1;
  saved->left_on = "2026-12-01";
  saved->card.reset();
  REQUIRE(update_pupil(*s.db, *saved));
  CHECK(ok(find_pupil(*s.db, *id))->class_uuid == "c1");
  CHECK(s.count("SELECT count(*) FROM students WHERE card IS NULL AND left_on='2026-12-01'") == 1);
}

TEST_CASE("roster store: guardians are found by name or phone and linked to several children", "[roster]") {
  School s;
  auto links = ok(guardians_of_pupil(*s.db, 1));
  REQUIRE(links.size() == 1);
  CHECK(links[0].relation == "mother");
  CHECK(links[0].guardian.uuid == "g1");
  CHECK(links[0].guardian.children == 2);
  REQUIRE(links[0].guardian.account);
  CHECK(links[0].guardian.account->login == "sidorova.o");
  CHECK(ok(search_guardians(*s.db, "Ольга", "", 10)).size() == 1);
  CHECK(ok(search_guardians(*s.db, "", "+79001234567", 10)).size() == 1);
  CHECK(ok(search_guardians(*s.db, "", "", 10)).empty());
  CHECK(ok(search_guardians(*s.db, "Петров", "+70000000000", 10)).empty());
  CHECK(ok(guardian_matching(*s.db, "Сидорова", "Ольга", "+79001234567")) == 1);
  CHECK_FALSE(ok(guardian_matching(*s.db, "Сидорова", "Ольга", "+79990000000")));

  GuardianRecord g;
  g.uuid = "g2";
  g.last_name = "Белов";
  g.first_name = "Игорь";
  auto id = insert_guardian(*s.db, g);
  REQUIRE(id);
  CHECK_FALSE(ok(link_relation(*s.db, 1, *id)));
  REQUIRE(insert_link(*s.db, 1, *id, "father"));
  CHECK(ok(link_relation(*s.db, 1, *id)) == "father");
  auto again = insert_link(*s.db, 1, *id, "father");
  REQUIRE_FALSE(again);
  CHECK(again.error().code == Errc::conflict);
  CHECK(ok(guardians_of_pupil(*s.db, 1)).size() == 2);
  REQUIRE(delete_link(*s.db, 1, *id));
  CHECK(ok(guardians_of_pupil(*s.db, 1)).size() == 1);
  g.id = *id;
  g.phone = "+79005554433";
  REQUIRE(update_guardian(*s.db, g));
  CHECK(ok(find_guardian(*s.db, *id))->phone == "+79005554433");
}

TEST_CASE("roster store: staff, subjects and teaching", "[roster]") {
  School s;
  auto staff = ok(all_teachers(*s.db));
  REQUIRE(staff.size() == 2);
  CHECK(staff[0].last_name == "Иванова");
  CHECK(staff[0].class_teacher_of == std::vector<std::string>{"5А"});
  CHECK(staff[1].class_teacher_of.empty());
  CHECK(staff[0].account->login == "ivanova.m");
  CHECK_FALSE(staff[1].account);
  auto subjects = ok(all_subjects(*s.db));
  REQUIRE(subjects.size() == 2);
  CHECK(subjects[0].name == "Биология");
  auto taught = ok(teaching_of_class(*s.db, 1));
  REQUIRE(taught.size() == 1);
  CHECK(taught[0].teacher_name == "Петров Олег");
  CHECK(taught[0].subject_uuid == "s1");
  REQUIRE(insert_teaching(*s.db, 1, 2, 1));
  CHECK(ok(teaching_of_class(*s.db, 1)).size() == 2);
  CHECK(ok(find_teaching(*s.db, 1, 2, 1))->subject_name == "Биология");
  CHECK_FALSE(insert_teaching(*s.db, 1, 2, 1));
  REQUIRE(delete_teaching(*s.db, 1, 2, 1));
  CHECK_FALSE(ok(find_teaching(*s.db, 1, 2, 1)));
  TeacherRecord t;
  t.uuid = "t3";
  t.last_name = "Орлова";
  t.first_name = "Вера";
  t.email = "orlova@school.ru";
  auto id = insert_teacher(*s.db, t);
  REQUIRE(id);
  CHECK(ok(find_teacher(*s.db, *id))->email == "orlova@school.ru");
}

TEST_CASE("roster store: a free login takes the next digit — a disabled account loses its sessions, whose ids are given", "[roster]") {
  School s;
  CHECK(*free_login(*s.db, "petrov.o") == "petrov.o");
  CHECK(*free_login(*s.db, "sidorova.a") == "sidorova.a3");  // sidorova.a and sidorova.a2 are taken
  CHECK(*free_login(*s.db, "sidorova.o") == "sidorova.o2");
  const auto a = ok(account_of(*s.db, domain::Role::student, 1));
  REQUIRE(a);
  CHECK(a->uuid == "u1");
  CHECK_FALSE(a->disabled);
  CHECK_FALSE(ok(account_of(*s.db, domain::Role::guardian, 3)));
  const auto ended = disable_account(*s.db, a->user_id);
  REQUIRE(ended);
  CHECK(ended->size() == 1);
  CHECK(ok(account_of(*s.db, domain::Role::student, 1))->disabled);
  CHECK(s.count("SELECT count(*) FROM sessions WHERE user_id=1") == 0);
  CHECK(s.count("SELECT count(*) FROM sessions WHERE user_id=4") == 1);
  CHECK(end_sessions(*s.db, 4)->size() == 1);
  CHECK(end_sessions(*s.db, 4)->empty());
  CHECK(s.count("SELECT count(*) FROM sessions") == 0);
  REQUIRE(rename_account(*s.db, a->user_id, "Анна Сидорова"));
  CHECK(s.count("SELECT count(*) FROM users WHERE display_name='Анна Сидорова'") == 1);
}
