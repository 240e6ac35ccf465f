// Tests of the authorization policy: the full matrix role × action × own/other's object, then the fine print.
#include <catch2/catch.hpp>

#include <cctype>
#include <iterator>
#include <set>

#include "domain/policy.hpp"

using namespace classbook::domain;

namespace {

// A small school: pupil 101 in class 10 is "own" to every personal actor below;
// pupil 202 in class 20, studied in subject 2, belongs to nobody here.
constexpr long long own_pupil = 101;
constexpr long long own_class = 10;
constexpr long long own_subject = 1;
constexpr long long other_pupil = 202;
constexpr long long other_class = 20;
constexpr long long other_subject = 2;

const Target own_target{own_pupil, own_class, own_subject};
const Target other_target{other_pupil, other_class, other_subject};

const Role all_roles[] = {Role::student, Role::guardian, Role::teacher, Role::secretary,
                          Role::director, Role::admin, Role::kiosk, Role::api_client};
const Action all_actions[] = {Action::read_student,        Action::write_student_notice,
                              Action::read_class_journal,  Action::write_class_journal,
                              Action::read_class_overview, Action::manage_roster,
                              Action::manage_timetable,
                              Action::reset_credentials,   Action::read_all,
                              Action::operate_box,         Action::record_tap};

// Each role's actor, related to the own target in every way its role can be.
Actor actor_for(Role role) {
  Actor a;
  a.user_id = 1;
  a.role = role;
  switch (role) {
    case Role::student: a.person_id = own_pupil; break;
    case Role::guardian: a.person_id = 500; a.children = {own_pupil}; break;
    case Role::teacher:
      a.person_id = 600;
      a.teaches = {{own_class, own_subject}};
      a.homeroom_classes = {own_class};
      break;
    default: a.person_id = 700; break;
  }
  return a;
}

using Actions = std::set<Action>;

// The rules as the school states them, written out independently of the implementation.
struct Expected {
  Actions on_own;
  Actions on_other;
};

Expected expected_for(Role role) {
  switch (role) {
    case Role::student: return {{Action::read_student}, {}};
    case Role::guardian: return {{Action::read_student, Action::write_student_notice}, {}};
    case Role::teacher:
      return {{Action::read_class_journal, Action::write_class_journal, Action::read_student,
               Action::read_class_overview, Action::reset_credentials},
              {}};
    case Role::secretary: {
      const Actions s{Action::manage_roster, Action::manage_timetable, Action::reset_credentials};
      return {s, s};
    }
    case Role::director: {
      const Actions d{Action::read_all, Action::read_student, Action::read_class_journal,
                      Action::read_class_overview};
      return {d, d};
    }
    case Role::admin: return {{Action::operate_box}, {Action::operate_box}};
    case Role::kiosk: return {{Action::record_tap}, {Action::record_tap}};
    case Role::api_client: return {};  // its reach is its token's scopes, never the policy
  }
  return {};
}

// A reason a person can read: a capitalised sentence, no identifiers leaking from the code.
bool is_human_sentence(const std::string& s) {
  return s.size() > 20 && std::isupper(static_cast<unsigned char>(s.front())) && s.back() == '.' &&
         s.find('_') == std::string::npos && s.find(' ') != std::string::npos;
}

Actor teacher_with(std::vector<Teaching> teaches, std::vector<long long> homeroom) {
  Actor a;
  a.user_id = 2;
  a.role = Role::teacher;
  a.person_id = 600;
  a.teaches = std::move(teaches);
  a.homeroom_classes = std::move(homeroom);
  return a;
}

}  // namespace

TEST_CASE("policy matrix: every role × every action × own and other's object") {
  const Role role = GENERATE(Catch::Generators::from_range(std::begin(all_roles), std::end(all_roles)));
  const Action action =
      GENERATE(Catch::Generators::from_range(std::begin(all_actions), std::end(all_actions)));
  const bool own = GENERATE(true, false);
  CAPTURE(to_string(role), to_string(action), own);

  const Expected e = expected_for(role);
  const Actions& allowed = own ? e.on_own : e.on_other;
  const bool should_allow = allowed.count(action) == 1;
  const Decision d = decide(actor_for(role), action, own ? own_target : other_target);

  CHECK(d.allowed == should_allow);
  CHECK(static_cast<bool>(d) == should_allow);
  if (!should_allow) {
    CAPTURE(d.reason);
    CHECK(is_human_sentence(d.reason));
  }
}

TEST_CASE("policy matrix size: 8 roles, 11 actions") {
  CHECK(std::size(all_roles) == 8);
  CHECK(std::size(all_actions) == 11);
  std::size_t allowed_cells = 0;
  for (Role r : all_roles) {
    for (Action a : all_actions) {
      allowed_cells += decide(actor_for(r), a, own_target).allowed;
      allowed_cells += decide(actor_for(r), a, other_target).allowed;
    }
  }
  // student 1, guardian 2, teacher 5 (own only); secretary 3·2, director 4·2, admin 1·2, kiosk 1·2, api_client 0
  CHECK(allowed_cells == 1 + 2 + 5 + 6 + 8 + 2 + 2);
}

TEST_CASE("deny reasons name the rule") {
  CHECK(decide(actor_for(Role::guardian), Action::read_student, other_target).reason ==
        "Guardians see only their own children.");
  CHECK(decide(actor_for(Role::student), Action::read_student, other_target).reason ==
        "Pupils can see only their own diary.");
  CHECK(decide(actor_for(Role::teacher), Action::read_student, other_target).reason ==
        "Teachers see only pupils of the classes they teach.");
  CHECK(decide(actor_for(Role::teacher), Action::write_class_journal, other_target).reason ==
        "Teachers write only in the journals of the classes and subjects they teach, or in a lesson they give.");
  CHECK(decide(actor_for(Role::secretary), Action::read_student, own_target).reason ==
        "The secretary manages accounts but does not see pupils' marks; ask the class teacher.");
  CHECK(decide(actor_for(Role::admin), Action::read_class_journal, own_target).reason ==
        "The administrator runs the box but does not see marks or attendance.");
  CHECK(decide(actor_for(Role::director), Action::write_class_journal, own_target).reason ==
        "Only a teacher of this class and subject can change its journal.");
  CHECK(decide(actor_for(Role::teacher), Action::record_tap, own_target).reason ==
        "Only an entrance kiosk records taps.");
  CHECK(decide(actor_for(Role::kiosk), Action::read_student, own_target).reason ==
        "Only the pupil, the pupil's guardians and teachers, and the director can see a pupil's diary.");
}

TEST_CASE("allowed decisions carry no reason") {
  const Decision d = decide(actor_for(Role::director), Action::read_all, own_target);
  CHECK(d);
  CHECK(d.reason.empty());
}

TEST_CASE("a guardian with several children reaches each of them and no one else") {
  Actor g = actor_for(Role::guardian);
  g.children = {101, 303};
  CHECK(decide(g, Action::read_student, {101, 10, 0}));
  CHECK(decide(g, Action::read_student, {303, 30, 0}));
  CHECK(decide(g, Action::write_student_notice, {303, 30, 0}));
  CHECK_FALSE(decide(g, Action::read_student, {202, 10, 0}));  // a classmate of the own child
  CHECK_FALSE(decide(g, Action::write_student_notice, {202, 30, 0}));

  g.children.clear();
  CHECK_FALSE(decide(g, Action::read_student, {101, 10, 0}));
}

TEST_CASE("a pupil is matched by the pupil id alone") {
  const Actor s = actor_for(Role::student);
  CHECK(decide(s, Action::read_student, {own_pupil, other_class, 0}));  // after moving class
  CHECK_FALSE(decide(s, Action::read_student, {other_pupil, own_class, 0}));  // a classmate
}

TEST_CASE("a teacher's journals are the exact class × subject pairs taught") {
  const Actor t = teacher_with({{10, 1}, {30, 2}}, {40});
  CHECK(decide(t, Action::write_class_journal, {0, 10, 1}));
  CHECK(decide(t, Action::read_class_journal, {0, 10, 1}));
  CHECK(decide(t, Action::write_class_journal, {0, 30, 2}));
  CHECK_FALSE(decide(t, Action::write_class_journal, {0, 10, 2}));  // class taught, other subject
  CHECK_FALSE(decide(t, Action::read_class_journal, {0, 10, 2}));
  CHECK_FALSE(decide(t, Action::write_class_journal, {0, 30, 1}));  // subject taught, other class
  CHECK_FALSE(decide(t, Action::read_class_journal, {0, 40, 1}));   // homeroom: overview, not journals
  CHECK_FALSE(decide(t, Action::write_class_journal, {0, 40, 1}));
}

TEST_CASE("a teacher sees pupils of classes taught and of the own class") {
  const Actor t = teacher_with({{10, 1}, {30, 2}}, {40});
  CHECK(decide(t, Action::read_student, {1, 10, 0}));
  CHECK(decide(t, Action::read_student, {2, 30, 0}));
  CHECK(decide(t, Action::read_student, {3, 40, 0}));
  CHECK_FALSE(decide(t, Action::read_student, {4, 50, 0}));
  CHECK_FALSE(decide(t, Action::write_student_notice, {3, 40, 0}));
}

TEST_CASE("only the class teacher sees the overview and resets the class's passwords") {
  const Actor t = teacher_with({{10, 1}}, {40});
  CHECK(decide(t, Action::read_class_overview, {0, 40, 0}));
  CHECK(decide(t, Action::reset_credentials, {3, 40, 0}));
  CHECK_FALSE(decide(t, Action::read_class_overview, {0, 10, 0}));  // taught, but not the own class
  CHECK_FALSE(decide(t, Action::reset_credentials, {1, 10, 0}));
  CHECK(decide(t, Action::reset_credentials, {1, 10, 0}).reason ==
        "Teachers can reset passwords only for pupils of their own class; ask the secretary.");

  const Actor plain = teacher_with({{40, 1}}, {});
  CHECK_FALSE(decide(plain, Action::read_class_overview, {0, 40, 0}));
  CHECK_FALSE(decide(plain, Action::reset_credentials, {3, 40, 0}));
  CHECK_FALSE(decide(plain, Action::manage_roster, {}));
}

TEST_CASE("relations of another role grant nothing") {
  Actor teacher_parent = actor_for(Role::teacher);
  teacher_parent.children = {other_pupil};  // must sign in as a guardian for that
  CHECK_FALSE(decide(teacher_parent, Action::read_student, other_target));
  CHECK_FALSE(decide(teacher_parent, Action::write_student_notice, other_target));

  Actor guardian_teacher = actor_for(Role::guardian);
  guardian_teacher.teaches = {{other_class, other_subject}};
  guardian_teacher.homeroom_classes = {other_class};
  CHECK_FALSE(decide(guardian_teacher, Action::write_class_journal, other_target));
  CHECK_FALSE(decide(guardian_teacher, Action::read_class_overview, other_target));

  Actor student = actor_for(Role::student);
  student.children = {other_pupil};
  student.teaches = {{other_class, other_subject}};
  CHECK_FALSE(decide(student, Action::read_student, other_target));
  CHECK_FALSE(decide(student, Action::read_class_journal, other_target));
}

TEST_CASE("unresolved ids (0) never make an object someone's own") {
  Actor s;
  s.role = Role::student;  // person_id 0
  CHECK_FALSE(decide(s, Action::read_student, Target{}));

  Actor g;
  g.role = Role::guardian;
  g.children = {0};
  CHECK_FALSE(decide(g, Action::read_student, Target{}));
  CHECK_FALSE(decide(g, Action::write_student_notice, Target{}));

  const Actor t = teacher_with({{0, 0}}, {0});
  CHECK_FALSE(decide(t, Action::read_class_journal, Target{}));
  CHECK_FALSE(decide(t, Action::write_class_journal, Target{}));
  CHECK_FALSE(decide(t, Action::read_student, Target{}));
  CHECK_FALSE(decide(t, Action::read_class_overview, Target{}));
  CHECK_FALSE(decide(t, Action::reset_credentials, Target{}));
}

TEST_CASE("roles that act on everything do not depend on the object") {
  for (const Target& t : {Target{}, own_target, other_target, Target{999, 999, 999}}) {
    CHECK(decide(actor_for(Role::secretary), Action::reset_credentials, t));
    CHECK(decide(actor_for(Role::director), Action::read_student, t));
    CHECK(decide(actor_for(Role::kiosk), Action::record_tap, t));
    CHECK_FALSE(decide(actor_for(Role::admin), Action::read_student, t));
  }
}

TEST_CASE("unknown roles and actions are denied") {
  Actor odd;
  odd.role = static_cast<Role>(99);
  const Decision d = decide(odd, Action::read_student, own_target);
  CHECK_FALSE(d);
  CHECK(is_human_sentence(d.reason));

  for (Role r : all_roles) {
    const Decision e = decide(actor_for(r), static_cast<Action>(99), own_target);
    CAPTURE(to_string(r));
    CHECK_FALSE(e);
    CHECK(is_human_sentence(e.reason));
  }
  CHECK(std::string(to_string(static_cast<Role>(99))) == "unknown");
  CHECK(std::string(to_string(static_cast<Action>(99))) == "unknown");
}

TEST_CASE("role names round-trip and nothing else parses") {
  const char* names[] = {"student", "guardian", "teacher", "secretary", "director", "admin", "kiosk", "api_client"};
  for (std::size_t i = 0; i < std::size(all_roles); ++i) {
    CHECK(std::string(to_string(all_roles[i])) == names[i]);
    Role r = Role::kiosk;
    CHECK(parse_role(names[i], r));
    CHECK(r == all_roles[i]);
  }
  for (const char* bad : {"", "Student", "parent", "teacher ", "unknown"}) {
    INFO(bad);
    Role r = Role::director;
    CHECK_FALSE(parse_role(bad, r));
    CHECK(r == Role::director);  // untouched on failure
  }
}

TEST_CASE("action names are stable and distinct") {
  std::set<std::string> names;
  for (Action a : all_actions) names.insert(to_string(a));
  CHECK(names.size() == std::size(all_actions));
  CHECK(std::string(to_string(Action::read_student)) == "read_student");
  CHECK(std::string(to_string(Action::write_student_notice)) == "write_student_notice");
  CHECK(std::string(to_string(Action::record_tap)) == "record_tap");
  CHECK(std::string(to_string(Action::operate_box)) == "operate_box");
}

namespace {
Date day(int m, int d) { return std::chrono::year{2026} / m / d; }
// A write into a lesson of 20 × 2 on 16 November, asked on `today`, with a week's grace.
Target lesson_target(long long lesson_teacher, Date today) {
  Target t{0, other_class, other_subject, lesson_teacher};
  t.lesson_date = day(11, 16);
  t.today = today;
  t.grace_days = default_journal_grace_days;
  return t;
}
}  // namespace

TEST_CASE("a substitute writes in the lesson they give and nowhere else in that class") {
  const Actor substitute = teacher_with({{own_class, own_subject}}, {});  // teaches 10 × 1 only
  Target covered = lesson_target(0, day(11, 16));
  CHECK_FALSE(decide(substitute, Action::write_class_journal, covered));
  covered.lesson_teacher_id = substitute.person_id;  // the lesson is given by the substitute
  CHECK(decide(substitute, Action::write_class_journal, covered));
  CHECK_FALSE(decide(substitute, Action::read_class_journal, covered));  // the whole journal stays closed
  covered.lesson_teacher_id = substitute.person_id + 1;
  CHECK_FALSE(decide(substitute, Action::write_class_journal, covered));
  Actor unresolved = substitute;
  unresolved.person_id = 0;  // 0 never matches, so an unfilled lesson teacher is nobody's lesson
  CHECK_FALSE(decide(unresolved, Action::write_class_journal, Target{0, other_class, other_subject, 0}));
}

TEST_CASE("a substitute's right to the lesson given ends the grace period after the lesson") {
  const Actor substitute = teacher_with({{own_class, own_subject}}, {});
  CHECK(default_journal_grace_days == 7);
  CHECK(decide(substitute, Action::write_class_journal, lesson_target(600, day(11, 16))));  // that day
  CHECK(decide(substitute, Action::write_class_journal, lesson_target(600, day(11, 23))));  // the 7th day after
  const auto late = decide(substitute, Action::write_class_journal, lesson_target(600, day(11, 24)));
  CHECK_FALSE(late);
  CHECK(late.reason == "This journal was open to you until 2026-11-23, 7 days after the lesson; "
                       "ask the class's teacher or the office to make the change.");
  CHECK_FALSE(decide(substitute, Action::write_class_journal, lesson_target(600, day(12, 20))));  // months later
  Target no_clock = lesson_target(600, day(11, 16));
  no_clock.today.reset();  // a caller that forgot the clock gets no time-limited right
  CHECK_FALSE(decide(substitute, Action::write_class_journal, no_clock));
  Target no_date = lesson_target(600, day(11, 16));
  no_date.lesson_date.reset();
  CHECK_FALSE(decide(substitute, Action::write_class_journal, no_date));
  Target longer = lesson_target(600, day(11, 30));
  longer.grace_days = 14;  // the school's own setting
  CHECK(decide(substitute, Action::write_class_journal, longer));
}

TEST_CASE("a teacher taken off a class keeps writing in it only for the grace period after the end") {
  const Actor former = teacher_with({{own_class, own_subject}}, {});  // no longer teaches 20 × 2
  // Lessons the teacher gave, a month before the assignment ended on 30 November.
  Target own_lesson = lesson_target(600, day(12, 3));
  own_lesson.lesson_date = day(10, 30);
  own_lesson.assignment_ended_on = day(11, 30);
  CHECK(decide(former, Action::write_class_journal, own_lesson));
  own_lesson.today = day(12, 8);
  const auto late = decide(former, Action::write_class_journal, own_lesson);
  CHECK_FALSE(late);
  CHECK(late.reason == "This journal was open to you until 2026-12-07, 7 days after your teaching of this class ended; "
                       "ask the class's teacher or the office to make the change.");
  // Term grades (no lesson) during the grace period, not after.
  Target term_grade{other_pupil, other_class, other_subject, 0};
  term_grade.assignment_ended_on = day(11, 30);
  term_grade.grace_days = 7;
  term_grade.today = day(12, 7);
  CHECK(decide(former, Action::write_class_journal, term_grade));
  term_grade.today = day(12, 8);
  CHECK_FALSE(decide(former, Action::write_class_journal, term_grade));
  // Never in the new teacher's lessons, even during the grace period.
  Target others_lesson = lesson_target(601, day(12, 1));
  others_lesson.lesson_date = day(12, 1);
  others_lesson.assignment_ended_on = day(11, 30);
  CHECK_FALSE(decide(former, Action::write_class_journal, others_lesson));
  // Never assigned and not the lesson's teacher: nothing, whatever the dates.
  Target stranger{0, other_class, other_subject, 0};
  stranger.today = day(11, 16);
  stranger.grace_days = 7;
  CHECK_FALSE(decide(former, Action::write_class_journal, stranger));
}

TEST_CASE("the current assignment has no time limit") {
  const Actor t = teacher_with({{other_class, other_subject}}, {});
  Target old = lesson_target(601, day(12, 20));
  old.lesson_date = day(9, 1);
  CHECK(decide(t, Action::write_class_journal, old));
}

TEST_CASE("password resets: the office and the class teacher for pupils and guardians, the admin for staff") {
  auto target = [](Role account, long long class_id) {
    Target t{3, class_id, 0};
    t.account_role = account;
    return t;
  };
  Actor secretary;
  secretary.role = Role::secretary;
  const Actor class_teacher = teacher_with({}, {40});
  Actor admin;
  admin.role = Role::admin;
  for (Role staff : {Role::teacher, Role::secretary, Role::director, Role::admin}) {
    INFO("staff account " << to_string(staff));
    CHECK_FALSE(decide(secretary, Action::reset_credentials, target(staff, 40)));
    CHECK_FALSE(decide(class_teacher, Action::reset_credentials, target(staff, 40)));
    CHECK(decide(admin, Action::reset_credentials, target(staff, 0)));
  }
  for (Role family : {Role::student, Role::guardian}) {
    INFO("family account " << to_string(family));
    CHECK(decide(secretary, Action::reset_credentials, target(family, 40)));
    CHECK(decide(class_teacher, Action::reset_credentials, target(family, 40)));
    CHECK_FALSE(decide(class_teacher, Action::reset_credentials, target(family, 41)));
    CHECK_FALSE(decide(admin, Action::reset_credentials, target(family, 40)));
  }
  CHECK(decide(secretary, Action::reset_credentials, target(Role::teacher, 0)).reason ==
        "The secretary resets pupils' and guardians' passwords only; ask the administrator for staff.");
}
