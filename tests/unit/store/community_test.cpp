// Tests of the community repository: who is linked to which class, what a class scope lets through,
// the yearly appeal sequence, the latest messages of a long conversation, lessons as the rules see them.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;

#include "store/community.hpp"
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
    // Two classes; teacher 1 leads class 1 and teaches class 2; teacher 2 teaches nothing.
    // Pupil 1 in class 1 and pupil 2 in class 2, both children of guardian 1.
    REQUIRE(db->exec(R"SQL(
      INSERT INTO teachers(id, uuid, last_name, first_name) VALUES (1, 't1', 'Иванова', 'Мария'), (2, 't2', 'Петров', 'Олег');
      INSERT INTO classes(id, uuid, name, grade, letter, class_teacher_id) VALUES (1, 'c1', '5А', 5, 'А', 1), (2, 'c2', '6Б', 6, 'Б', NULL);
      INSERT INTO subjects(id, uuid, name, short_name, textbook_grams) VALUES (1, 's1', 'Математика', 'мат', 600), (2, 's2', 'Музыка', 'муз', 0);
      INSERT INTO teaching VALUES (2, 1, 1);
      INSERT INTO students(id, uuid, last_name, first_name, class_id, group_no) VALUES (1, 'p1', 'А', 'Аня', 1, 2), (2, 'p2', 'Б', 'Борис', 2, 1);
      INSERT INTO guardians(id, uuid, last_name, first_name) VALUES (1, 'g1', 'А', 'Ольга');
      INSERT INTO student_guardians(student_id, guardian_id) VALUES (1, 1), (2, 1);
      INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
        (1, 'u1', 'teacher', '', 'teacher', 1, 'Мария Иванова', ''),
        (2, 'u2', 'guardian', '', 'guardian', 1, 'Ольга А', ''),
        (3, 'u3', 'director', '', 'director', NULL, 'Директор', '');
    )SQL"));
  }
};

}  // namespace

TEST_CASE("people are linked to the classes of their children, their teaching and their own class") {
  School s;
  CHECK(ok(linked_classes(*s.db, domain::Role::guardian, 1)) == std::vector<long long>{1, 2});
  CHECK(ok(linked_classes(*s.db, domain::Role::teacher, 1)) == std::vector<long long>{1, 2});  // led and taught, once each
  CHECK(ok(linked_classes(*s.db, domain::Role::teacher, 2)).empty());
  CHECK(ok(linked_classes(*s.db, domain::Role::student, 2)) == std::vector<long long>{2});
  CHECK(ok(linked_classes(*s.db, domain::Role::director, 1)).empty());
  CHECK(ok(linked_classes(*s.db, domain::Role::student, 99)).empty());
}

TEST_CASE("a class scope lets through the school's items, its classes' and no others") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO announcements(uuid, class_id, author_user, title, body, created_at) VALUES
      ('school', NULL, 3, 'Школа', '', '2026-11-20T09:00:00Z'),
      ('five', 1, 1, '5А', '', '2026-11-21T09:00:00Z'),
      ('six', 2, 1, '6Б', '', '2026-11-22T09:00:00Z');
    INSERT INTO events(uuid, class_id, date, title) VALUES ('e-school', NULL, '2026-11-23', 'x'), ('e-five', 1, '2026-11-24', 'x'),
      ('e-six', 2, '2026-11-24', 'x'), ('e-late', NULL, '2026-12-24', 'x');
  )SQL"));
  auto uuids = [](const auto& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.uuid);
    return out;
  };
  CHECK(uuids(ok(announcements_for(*s.db, {false, {1}}, 10))) == std::vector<std::string>{"five", "school"});
  CHECK(uuids(ok(announcements_for(*s.db, {false, {}}, 10))) == std::vector<std::string>{"school"});
  CHECK(uuids(ok(announcements_for(*s.db, {true, {}}, 10))) == std::vector<std::string>{"six", "five", "school"});
  CHECK(uuids(ok(announcements_for(*s.db, {true, {}}, 2))) == std::vector<std::string>{"six", "five"});
  const auto five = ok(announcements_for(*s.db, {false, {1}}, 1)).at(0);
  CHECK(five.class_uuid == "c1");
  CHECK(five.class_name == "5А");
  CHECK(five.author.uuid == "u1");
  CHECK(five.author.role == domain::Role::teacher);

  const auto from = *domain::parse_date("2026-11-23");
  const auto to = *domain::parse_date("2026-11-30");
  CHECK(uuids(ok(events_for(*s.db, {false, {2}}, from, to, 10))) == std::vector<std::string>{"e-school", "e-six"});
  CHECK(uuids(ok(events_for(*s.db, {true, {}}, from, to, 10))) == std::vector<std::string>{"e-school", "e-five", "e-six"});
}

TEST_CASE("appeal numbers run on within a year and start again in the next") {
  School s;
  CHECK(ok(next_appeal_seq(*s.db, 2026)) == 1);
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO appeals(uuid, number, author_user, topic, body, status, created_at) VALUES
      ('a1', '2026-000001', 2, 't', 'b', 'open', ''), ('a2', '2026-000009', 2, 't', 'b', 'open', ''),
      ('a3', '2026-1000000', 2, 't', 'b', 'open', ''), ('a4', '2025-000500', 2, 't', 'b', 'closed', '');
  )SQL"));
  CHECK(ok(next_appeal_seq(*s.db, 2026)) == 1000001);  // past 999999 the number grows wider, still in order
  CHECK(ok(next_appeal_seq(*s.db, 2025)) == 501);
  CHECK(ok(next_appeal_seq(*s.db, 2027)) == 1);
  CHECK(ok(appeals_for(*s.db, Id{2}, std::string("closed"), 10)).size() == 1);
  CHECK(ok(appeals_for(*s.db, Id{1}, std::nullopt, 10)).empty());
  CHECK(ok(appeals_for(*s.db, std::nullopt, std::nullopt, 10)).size() == 4);
}

TEST_CASE("a long conversation shows its latest messages, oldest first") {
  School s;
  auto thread = insert_thread(*s.db, "th", "Тема", "2026-11-23T10:00:00Z", {1, 2, 2});
  REQUIRE(thread);
  for (int i = 0; i < 5; ++i)
    REQUIRE(insert_message(*s.db, *thread, "m" + std::to_string(i), i % 2 ? 1 : 2, "text " + std::to_string(i),
                           "2026-11-23T10:0" + std::to_string(i) + ":00Z"));
  const auto last = ok(messages_of_thread(*s.db, *thread, 3));
  REQUIRE(last.size() == 3);
  CHECK(last[0].body == "text 2");
  CHECK(last[2].body == "text 4");
  CHECK(last[2].author.uuid == "u2");
  CHECK(ok(thread_members(*s.db, *thread)).size() == 2);  // a member listed twice is one member
  CHECK(ok(is_thread_member(*s.db, *thread, 1)));
  CHECK_FALSE(ok(is_thread_member(*s.db, *thread, 3)));
  const auto t = ok(thread_by_uuid(*s.db, "th"));
  REQUIRE(t);
  CHECK(t->message_count == 5);
  CHECK(t->last_message_at == "2026-11-23T10:04:00Z");
  CHECK(ok(threads_of_user(*s.db, 2, 10)).size() == 1);
  CHECK(ok(threads_of_user(*s.db, 3, 10)).empty());
}

// messages (issue 10) ---------------------------------------------------------------------------
TEST_CASE("unread counts the others' messages after the last one read, and writing and reading clear it") {
  School s;
  auto thread = insert_thread(*s.db, "th", "Тема", "2026-11-23T10:00:00Z", {1, 2});
  REQUIRE(thread);
  const auto unread_of = [&](Id user) { return ok(threads_of_user(*s.db, user, 10)).at(0).unread; };
  REQUIRE(insert_message(*s.db, *thread, "m1", 2, "Вопрос", "2026-11-23T10:01:00Z"));
  REQUIRE(insert_message(*s.db, *thread, "m2", 2, "Ещё вопрос", "2026-11-23T10:02:00Z"));
  CHECK(unread_of(1) == 2);
  CHECK(unread_of(2) == 0);  // one's own messages are read
  REQUIRE(mark_thread_read(*s.db, *thread, 1));
  CHECK(unread_of(1) == 0);
  REQUIRE(insert_message(*s.db, *thread, "m3", 2, "И ещё", "2026-11-23T10:03:00Z"));
  CHECK(unread_of(1) == 1);
  REQUIRE(insert_message(*s.db, *thread, "m4", 1, "Ответ", "2026-11-23T10:04:00Z"));
  CHECK(unread_of(1) == 0);  // answering reads what came before
  CHECK(unread_of(2) == 1);
  REQUIRE(mark_thread_read(*s.db, *thread, 3));  // not a member: nothing to mark
  CHECK(unread_of(2) == 1);
}

TEST_CASE("directory candidates: staff always, families only through a class of the scope, links named") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO users(id, uuid, login, password_hash, role, person_id, display_name, created_at) VALUES
      (4, 'u4', 'pupil1', '', 'student', 1, 'Аня А', ''),
      (5, 'u5', 'pupil2', '', 'student', 2, 'Борис Б', ''),
      (6, 'u6', 'teacher2', '', 'teacher', 2, 'Олег Петров', ''),
      (7, 'u7', 'gone', '', 'teacher', 2, 'Уволенный', '');
    UPDATE users SET disabled = 1 WHERE id = 7;
  )SQL"));
  const auto names = [](const std::vector<DirectoryEntry>& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.person.name);
    return out;
  };
  const auto class1 = ok(directory_candidates(*s.db, ClassScope{false, {1}}, 100));
  CHECK(names(class1) == std::vector<std::string>{"Аня А", "Директор", "Мария Иванова", "Олег Петров", "Ольга А"});
  const auto& maria = class1.at(2);
  REQUIRE(maria.links.size() == 1);  // leads class 1; class 2 (taught) is outside the scope
  CHECK((maria.links[0].class_name == "5А" && maria.links[0].class_teacher && maria.links[0].subject.empty()));
  const auto& olga = class1.at(4);
  REQUIRE(olga.links.size() == 1);
  CHECK((olga.links[0].child == "А Аня" && olga.links[0].class_uuid == "c1"));
  CHECK(class1.at(3).links.empty());  // a teacher with no class in the scope is still staff
  const auto class2 = ok(directory_candidates(*s.db, ClassScope{false, {2}}, 100));
  CHECK(names(class2) == std::vector<std::string>{"Борис Б", "Директор", "Мария Иванова", "Олег Петров", "Ольга А"});
  CHECK((class2.at(2).links.at(0).subject == "Математика" && !class2.at(2).links.at(0).class_teacher));
  CHECK(names(ok(directory_candidates(*s.db, ClassScope{}, 100))) ==
        std::vector<std::string>{"Директор", "Мария Иванова", "Олег Петров"});
  const auto everyone = ok(directory_candidates(*s.db, ClassScope{true, {}}, 100));
  CHECK(everyone.size() == 6);
  CHECK(everyone.at(3).links.size() == 2);  // Мария: leads 5А, teaches 6Б
}

TEST_CASE("lessons reach the backpack rule with their group and cancellation, and a pupil's place with the grade") {
  School s;
  REQUIRE(s.db->exec(R"SQL(
    INSERT INTO lessons(uuid, date, period, class_id, group_no, subject_id, teacher_id, cancelled) VALUES
      ('l1', '2026-11-23', 1, 1, 0, 1, 1, 0), ('l2', '2026-11-23', 2, 1, 2, 2, 1, 1), ('l3', '2026-11-24', 1, 1, 0, 1, 1, 0),
      ('l4', '2026-11-23', 1, 2, 0, 2, 1, 0);
  )SQL"));
  const auto day = *domain::parse_date("2026-11-23");
  const auto lessons = ok(planned_lessons(*s.db, 1, day, day));
  REQUIRE(lessons.size() == 2);
  CHECK(lessons[1].group_no == 2);
  CHECK(lessons[1].cancelled);
  CHECK(lessons[0].class_id == 1);
  const auto place = ok(pupil_place(*s.db, 1));
  REQUIRE(place);
  CHECK(place->grade == 5);
  CHECK(place->group_no == 2);
  const auto weights = ok(textbook_weights(*s.db));
  CHECK(domain::backpack_grams(lessons, place->class_id, weights, place->group_no) == 600);
}
