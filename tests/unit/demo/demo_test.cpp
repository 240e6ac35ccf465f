// Tests of the demo-school generator: a small school built into a real SQLite file and questioned with SQL.
#include <catch2/catch.hpp>

#include "read_ok.hpp"
using classbook::test::ok;
#include <sys/stat.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "auth/password.hpp"
#include "classbook/common/crypto.hpp"
#include "demo/demo_school.hpp"
#include "demo/weeks.hpp"
#include "store/people.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

using namespace classbook;

namespace {

// What `classbookctl init` leaves behind: schema, settings, quarters, work types and an admin.
std::unique_ptr<store::Db> initialised_school(const std::string& path) {
  auto db = store::Db::open(path, store::Db::Mode::read_write_create);
  REQUIRE(db);
  REQUIRE(store::configure_writer(**db));
  REQUIRE(store::migrate(**db));
  store::SchoolSettings s;
  s.terms = domain::default_terms(2026, domain::TermKind::quarters);
  for (const auto& w : domain::default_work_types()) s.work_types.push_back({0, w});
  REQUIRE(store::save_settings(**db, s));
  store::UserRecord admin;
  admin.uuid = new_uuid();
  admin.login = "admin";
  admin.password_hash = "!";
  admin.role = domain::Role::admin;
  admin.display_name = "Администратор";
  REQUIRE(store::insert_user(**db, admin, "2026-08-31T09:00:00.000Z"));
  return std::move(*db);
}

demo::DemoOptions small_school(std::uint64_t seed = 20260901) {
  demo::DemoOptions o;
  o.seed = seed;
  o.students = 60;
  o.weeks = 2;
  o.hash_threads = 2;
  return o;
}

std::int64_t count(store::Db& db, const std::string& sql) {
  auto& q = db.prepare(sql);
  REQUIRE(q.next().value());
  const auto n = q.i64(0);
  REQUIRE(q.run());
  return n;
}

std::vector<std::string> column(store::Db& db, const std::string& sql) {
  std::vector<std::string> out;
  auto& q = db.prepare(sql);
  while (q.next().value()) out.push_back(q.text(0));
  REQUIRE_FALSE(q.error());
  return out;
}

// Everything the seed decides, one line per row: pupils, families, timetable, journal, users.
std::string digest(store::Db& db) {
  const char* queries[] = {
      "SELECT s.uuid||s.last_name||s.first_name||s.middle_name||s.birth_date||s.card||c.name FROM students s "
      "JOIN classes c ON c.id = s.class_id ORDER BY s.id",
      "SELECT student_id||'/'||guardian_id||relation FROM student_guardians ORDER BY student_id, guardian_id",
      "SELECT class_id||'/'||weekday||'/'||period||'/'||subject_id||'/'||teacher_id FROM timetable "
      "ORDER BY class_id, weekday, period",
      "SELECT uuid||date||period||class_id||topic FROM lessons ORDER BY id",
      "SELECT uuid||student_id||'/'||lesson_id||'/'||value||work_type_id||comment||created_at FROM marks ORDER BY id",
      "SELECT lesson_id||'/'||student_id||presence||late_minutes FROM attendance ORDER BY lesson_id, student_id",
      "SELECT tap_id||at||result FROM taps ORDER BY id",
      "SELECT uuid||login||role||coalesce(person_id,'')||display_name FROM users WHERE login != 'admin' ORDER BY id",
  };
  std::string all;
  for (const char* sql : queries)
    for (const auto& line : column(db, sql)) all += line + '\n';
  return sha256_hex(all);
}

struct BuiltSchool {
  test::TempDir dir;
  std::unique_ptr<store::Db> db;
  std::vector<demo::DemoAccount> accounts;
  std::vector<std::string> stages;
};

BuiltSchool& built() {
  static BuiltSchool b = [] {
    BuiltSchool s;
    s.db = initialised_school(s.dir.file("school.db"));
    auto accounts = demo::build_demo_school(*s.db, small_school(), [&](std::string_view stage, std::size_t, std::size_t) {
      if (s.stages.empty() || s.stages.back() != stage) s.stages.emplace_back(stage);
    });
    if (!accounts) FAIL(accounts.error().message);
    s.accounts = std::move(*accounts);
    return s;
  }();
  return b;
}

}  // namespace

// One school serves every section: building it (mostly hashing ~170 passwords) is the slow part.
TEST_CASE("a small demo school built from a seed") {
  SECTION("the demo school has one class per grade for 60 pupils, each with a class teacher") {
    auto& db = *built().db;
    CHECK(column(db, "SELECT name FROM classes ORDER BY grade, letter") ==
          std::vector<std::string>{"1А", "2А", "3А", "4А", "5А", "6А", "7А", "8А", "9А", "10А", "11А"});
    CHECK(count(db, "SELECT count(*) FROM students") == 60);
    CHECK(count(db, "SELECT count(*) FROM classes WHERE class_teacher_id IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM classes WHERE (grade >= 10) != (profile IS NOT NULL)") == 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT card FROM students GROUP BY card HAVING count(*) > 1)") == 0);
    CHECK(count(db, "SELECT count(*) FROM students WHERE length(card) != 8 OR card GLOB '*[^0-9A-F]*'") == 0);
    CHECK(built().stages == std::vector<std::string>{"roster", "timetable", "weeks", "accounts"});
    for (const auto& id : column(db, "SELECT uuid FROM students UNION ALL SELECT uuid FROM marks")) {
      CHECK(is_uuid(id));
      CHECK(id[14] == '7');  // time-ordered (version 7)
    }
  }

  SECTION("every pupil has a guardian, some guardians have children in several classes, names agree in gender") {
    auto& db = *built().db;
    CHECK(count(db, "SELECT count(*) FROM students s WHERE NOT EXISTS "
                    "(SELECT 1 FROM student_guardians g WHERE g.student_id = s.id)") == 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT g.guardian_id FROM student_guardians g JOIN students s "
                    "ON s.id = g.student_id GROUP BY g.guardian_id HAVING count(DISTINCT s.class_id) >= 2)") > 0);
    // A daughter's patronymic ends in -вна/-чна; her surname then is not a man's -ов/-ев/-ин.
    CHECK(count(db, "SELECT count(*) FROM students WHERE middle_name NOT LIKE '%на' AND middle_name NOT LIKE '%ич'") == 0);
    CHECK(count(db, "SELECT count(*) FROM students WHERE middle_name LIKE '%на' AND "
                    "(last_name LIKE '%ов' OR last_name LIKE '%ев' OR last_name LIKE '%ин')") == 0);
    CHECK(count(db, "SELECT count(*) FROM students WHERE middle_name LIKE '%ич' AND last_name LIKE '%ова'") == 0);
    CHECK(count(db, "SELECT count(*) FROM student_guardians WHERE relation NOT IN ('mother','father')") == 0);
  }

  SECTION("the timetable gives the curriculum and never puts a teacher in two places at once") {
    auto& db = *built().db;
    CHECK(count(db, "SELECT count(*) FROM (SELECT 1 FROM lessons "
                    "GROUP BY teacher_id, date, period HAVING count(*) > 1)") == 0);
    CHECK(count(db, "SELECT count(*) FROM (SELECT 1 FROM timetable "
                    "GROUP BY teacher_id, weekday, period HAVING count(*) > 1)") == 0);
    const auto planned = count(db, "SELECT sum(hours_per_week) FROM classes c JOIN curriculum k "
                                   "ON k.grade = c.grade AND k.profile = coalesce(c.profile, '')");
    const auto placed = count(db, "SELECT count(*) FROM timetable");
    CHECK(placed <= planned);
    CHECK(placed * 100 >= planned * 97);
    CHECK(count(db, "SELECT max(n) FROM (SELECT count(*) AS n FROM timetable GROUP BY teacher_id)") <= 27);
    CHECK(count(db, "SELECT count(*) FROM bell_periods WHERE variant = 'weekday'") == 8);
    CHECK(count(db, "SELECT start_minute FROM bell_periods WHERE number = 1") == 8 * 60 + 30);
    CHECK(count(db, "SELECT count(*) FROM bell_variants WHERE weekday = 6") == 0);
    // Two weeks of every slot, Monday to Friday.
    CHECK(count(db, "SELECT count(*) FROM lessons") == placed * 2);
    CHECK(count(db, "SELECT count(*) FROM lessons WHERE date < '2026-09-07' OR date > '2026-09-18' "
                    "OR strftime('%w', date) IN ('0','6')") == 0);
    CHECK(count(db, "SELECT count(*) FROM homework h JOIN lessons l ON l.id = h.lesson_id WHERE h.due_date <= l.date") == 0);
  }

  SECTION("marks are on the five-point scale, on lessons of the pupil's own class, set by that lesson's teacher") {
    auto& db = *built().db;
    CHECK(count(db, "SELECT count(*) FROM marks WHERE value NOT BETWEEN 1 AND 5") == 0);
    CHECK(count(db, "SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN students s "
                    "ON s.id = m.student_id WHERE l.class_id != s.class_id") == 0);
    CHECK(count(db, "SELECT count(*) FROM marks m JOIN lessons l ON l.id = m.lesson_id LEFT JOIN users u "
                    "ON u.id = m.set_by WHERE u.role IS NOT 'teacher' OR u.person_id != l.teacher_id") == 0);
    CHECK(count(db, "SELECT count(*) FROM marks m JOIN attendance a ON a.lesson_id = m.lesson_id "
                    "AND a.student_id = m.student_id WHERE a.presence LIKE 'absent%'") == 0);
    // About one mark in three pupil-lessons (first-formers get none).
    const auto marks = count(db, "SELECT count(*) FROM marks");
    const auto seats = count(db, "SELECT count(*) FROM lessons l JOIN students s ON s.class_id = l.class_id "
                                 "JOIN classes c ON c.id = l.class_id WHERE c.grade >= 2");
    CHECK(marks * 5 > seats);
    CHECK(marks * 2 < seats);
    CHECK(count(db, "SELECT count(DISTINCT work_type_id) FROM marks") == 5);
  }

  SECTION("attendance records only departures from presence, and the entrance saw those who came") {
    auto& db = *built().db;
    CHECK(count(db, "SELECT count(*) FROM attendance WHERE presence NOT IN "
                    "('absent_illness','absent_unexcused','late')") == 0);
    CHECK(count(db, "SELECT count(*) FROM attendance WHERE (presence = 'late') != (late_minutes BETWEEN 1 AND 20)") == 0);
    const auto seats = count(db, "SELECT count(*) FROM lessons l JOIN students s ON s.class_id = l.class_id");
    CHECK(count(db, "SELECT count(*) FROM attendance") * 5 < seats);  // under 20 %, ~6 % expected
    CHECK(count(db, "SELECT count(*) FROM taps WHERE result = 'in'") ==
          count(db, "SELECT count(*) FROM taps WHERE result = 'out'"));
    CHECK(count(db, "SELECT count(*) FROM taps t JOIN students s ON s.id = t.student_id WHERE t.card != s.card") == 0);
    // No entrance taps on a day the pupil was ill.
    CHECK(count(db, "SELECT count(*) FROM taps t JOIN attendance a ON a.student_id = t.student_id AND "
                    "a.presence = 'absent_illness' JOIN lessons l ON l.id = a.lesson_id "
                    "AND l.date = date(t.at, '+3 hours')") == 0);
    CHECK(count(db, "SELECT count(*) FROM presence WHERE inside != 0") == 0);
    CHECK(count(db, "SELECT count(*) FROM absence_notices n LEFT JOIN student_guardians g ON g.guardian_id = n.guardian_id "
                    "AND g.student_id = n.student_id WHERE g.student_id IS NULL") == 0);
    CHECK(count(db, "SELECT count(*) FROM announcements WHERE class_id IS NULL") > 0);
    CHECK(count(db, "SELECT count(*) FROM messages") > 0);
    CHECK(count(db, "SELECT count(*) FROM events") > 0);
  }

  SECTION("every account signs in with its password and is ready to use") {
    auto& b = built();
    auto& db = *b.db;
    CHECK(static_cast<std::int64_t>(b.accounts.size()) == count(db, "SELECT count(*) FROM users WHERE login != 'admin'"));
    CHECK(count(db, "SELECT count(*) FROM users WHERE login != 'admin' AND must_change_password != 0") == 0);
    std::set<std::string> logins, roles;
    std::map<std::string, int> checked;
    for (const auto& a : b.accounts) {
      CHECK(logins.insert(a.login).second);
      roles.insert(a.role);
      CHECK_FALSE(auth::check_password_strength(a.password, a.login));
      if (a.role == "guardian") CHECK_FALSE(a.children.empty());
      if (a.role == "student") CHECK_FALSE(a.class_name.empty());
      if (checked[a.role]++ < 2) {  // argon2id costs ~25 ms a check
        auto u = ok(store::find_user_by_login(db, a.login));
        REQUIRE(u);
        CHECK(auth::verify_password(a.password, u->password_hash));
        CHECK_FALSE(auth::verify_password(a.password + "x", u->password_hash));
      }
    }
    CHECK(roles == std::set<std::string>{"student", "guardian", "teacher", "secretary", "director"});
    CHECK(logins.count("secretary") == 1);
    CHECK(logins.count("director") == 1);
    CHECK(logins.count("deputy") == 1);

    const auto path = b.dir.file("accounts.json");
    REQUIRE(demo::write_demo_accounts_json(b.accounts, path));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    const auto parsed = boost::json::parse(text.str());
    REQUIRE(parsed.is_array());
    CHECK(parsed.as_array().size() == b.accounts.size());
    CHECK(parsed.as_array()[0].as_object().at("login").as_string() == b.accounts[0].login.c_str());
  }
}

TEST_CASE("the same seed builds the same school, another seed another, and a school is never built twice") {
  auto& a = built();
  test::TempDir dir;
  auto same = initialised_school(dir.file("same.db"));
  REQUIRE(demo::build_demo_school(*same, small_school(), {}));
  CHECK(digest(*same) == digest(*a.db));
  auto other = initialised_school(dir.file("other.db"));
  REQUIRE(demo::build_demo_school(*other, small_school(7), {}));
  CHECK(digest(*other) != digest(*a.db));

  auto again = demo::build_demo_school(*same, small_school(), {});
  REQUIRE_FALSE(again);
  CHECK(again.error().code == Errc::conflict);
  CHECK(again.error().message.find("already has 60 pupils") != std::string::npos);
}

TEST_CASE("lessons fall on weekdays outside the holidays of the configured academic year") {
  demo::School s;
  s.terms = domain::default_terms(2026, domain::TermKind::quarters);
  const auto day = [](const char* text) { return *domain::parse_date(text); };
  CHECK(demo::is_school_day(s, day("2026-09-07")));
  CHECK_FALSE(demo::is_school_day(s, day("2026-09-12")));  // Saturday
  CHECK_FALSE(demo::is_school_day(s, day("2026-10-28")));  // autumn holidays
  CHECK_FALSE(demo::is_school_day(s, day("2026-11-04")));  // Day of National Unity
  CHECK(demo::is_school_day(s, day("2026-11-05")));
  CHECK_FALSE(demo::is_school_day(s, day("2027-02-23")));
  CHECK(demo::is_school_day(s, day("2026-04-21")));  // before the configured year: taught as asked
}
