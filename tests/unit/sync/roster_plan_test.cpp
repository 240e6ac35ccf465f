// The roster planner's rules (docs/sync.md § Conflicts), one by one: what the portal sent against what
// the box holds → the steps, and the items refused with their reasons.
#include <catch2/catch.hpp>

#include <algorithm>

#include "roster_sent.hpp"
#include "sync/journal_items.hpp"
#include "sync/oneroster/json.hpp"
#include "sync/roster_plan.hpp"

using namespace classbook;
using namespace classbook::sync;
using namespace roster_json;

namespace {

store::RosterPerson pupil(std::string uuid, std::string last, std::string first, std::optional<std::string> birth, std::string class_uuid,
                          bool left = false) {
  return {std::move(uuid), std::move(last), std::move(first), "", std::move(birth), std::move(class_uuid), left, {}, {}};
}

const PersonStep* step_of(const std::vector<PersonStep>& steps, const std::string& sid) {
  auto it = std::find_if(steps.begin(), steps.end(), [&](const PersonStep& s) { return s.sourced_id == sid; });
  return it == steps.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a first read makes the class, the pupil in it, the guardian and their link") {
  Sent s;
  s.klass(homeroom("c-5a", "5А"))
      .user(user("u-pupil", "student", "Иванова", "Анна", "2026-09-01T08:00:00Z", {"u-mum"}))
      .user(user("u-mum", "parent", "Иванова", "Мария", "2026-09-01T08:00:00Z", {"u-pupil"}))
      .user(user("u-teacher", "teacher", "Петров", "Олег"))
      .enrol(enrollment("e-1", "u-pupil", "c-5a"))
      .born(demographics("u-pupil", "2015-04-02"));
  const auto plan = plan_roster(s.roster, {}, {});
  REQUIRE(plan.refused.empty());
  REQUIRE(plan.classes.size() == 1);
  CHECK(plan.classes[0].kind == StepKind::create);
  CHECK(plan.classes[0].grade == 5);
  CHECK(plan.classes[0].letter == "А");
  REQUIRE(plan.pupils.size() == 1);
  CHECK(plan.pupils[0].kind == StepKind::create);
  CHECK(plan.pupils[0].class_sourced_id == "c-5a");
  CHECK(plan.pupils[0].class_uuid.empty());
  CHECK(plan.pupils[0].birth_date == std::optional<std::string>("2015-04-02"));
  REQUIRE(plan.guardians.size() == 1);
  CHECK(plan.guardians[0].kind == StepKind::create);
  REQUIRE(plan.teachers.size() == 1);
  // Both sides name the link; it is made once, with the relation the guardian's role gives.
  REQUIRE(plan.guardian_links.size() == 1);
  CHECK(plan.guardian_links[0].add);
  CHECK(plan.guardian_links[0].pupil_sourced_id == "u-pupil");
  CHECK(plan.guardian_links[0].guardian_sourced_id == "u-mum");
  CHECK(plan.guardian_links[0].relation == "parent");
}

TEST_CASE("a pupil the office enrolled offline and then sent by the portal is linked, not doubled") {
  store::RosterRows box;
  box.classes = {{"box-5a", "5А"}};
  box.pupils = {pupil("box-anna", "Иванова", "Анна", "2015-04-02", "box-5a")};
  Sent s;
  s.klass(homeroom("c-5a", "5А"))
      .user(user("u-pupil", "student", "ИВАНОВА", "анна"))
      .enrol(enrollment("e-1", "u-pupil", "c-5a"))
      .born(demographics("u-pupil", "2015-04-02"));
  const auto plan = plan_roster(s.roster, box, {});
  REQUIRE(plan.classes.size() == 1);
  CHECK(plan.classes[0].kind == StepKind::link);  // the office's 5А is the portal's class
  CHECK(plan.classes[0].uuid == "box-5a");
  REQUIRE(plan.pupils.size() == 1);
  CHECK(plan.pupils[0].kind == StepKind::link);
  CHECK(plan.pupils[0].uuid == "box-anna");
  CHECK(plan.pupils[0].last_name == "ИВАНОВА");  // the portal's spelling wins from now on

  SECTION("another birth date is another child") {
    s.roster.demographics.clear();
    s.born(demographics("u-pupil", "2015-04-03"));
    const auto other = plan_roster(s.roster, box, {});
    REQUIRE(other.pupils.size() == 1);
    CHECK(other.pupils[0].kind == StepKind::create);
  }
  SECTION("a pupil already linked to another portal object is not taken twice") {
    const auto other = plan_roster(s.roster, box, {{pupil_entity, "u-someone", "box-anna"}, {class_entity, "c-5a", "box-5a"}});
    REQUIRE(other.pupils.size() == 1);
    CHECK(other.pupils[0].kind == StepKind::create);
  }
}

TEST_CASE("a pupil who left on the portal leaves the box, and a pupil who left on the box stays left") {
  store::RosterRows box;
  box.classes = {{"box-5a", "5А"}};
  box.pupils = {pupil("box-anna", "Иванова", "Анна", "2015-04-02", "box-5a"),
                pupil("box-boris", "Смирнов", "Борис", "2015-01-01", "box-5a", true)};
  const std::vector<store::PortalLink> links = {
      {class_entity, "c-5a", "box-5a"}, {pupil_entity, "u-anna", "box-anna"}, {pupil_entity, "u-boris", "box-boris"}};
  Sent s;
  s.user(user("u-anna", "student", "Иванова", "Анна", "2026-12-01T08:00:00Z", {}, true))
      .user(user("u-boris", "student", "Смирнов", "Борис", "2026-12-01T08:00:00Z"))
      .user(user("u-gone", "student", "Никто", "Никто", "2026-12-01T08:00:00Z", {}, true));
  const auto plan = plan_roster(s.roster, box, links);
  REQUIRE(plan.pupils.size() == 1);
  CHECK(plan.pupils[0].kind == StepKind::leave);
  CHECK(plan.pupils[0].uuid == "box-anna");
  CHECK(plan.kept_left == 1);  // Boris: the office's leaving stands
  CHECK(plan.refused.empty());  // a departure of someone the box never had is nothing to do
}

TEST_CASE("a class renamed on the portal is renamed on the box, unless the name is another class's") {
  store::RosterRows box;
  box.classes = {{"box-5a", "5А"}, {"box-6b", "6Б"}};
  const std::vector<store::PortalLink> links = {{class_entity, "c-5a", "box-5a"}};
  Sent s;
  s.klass(homeroom("c-5a", "6А", "2026-12-01T08:00:00Z"));
  auto plan = plan_roster(s.roster, box, links);
  REQUIRE(plan.classes.size() == 1);
  CHECK(plan.classes[0].kind == StepKind::update);
  CHECK(plan.classes[0].name == "6А");
  CHECK(plan.classes[0].uuid == "box-5a");

  Sent taken;
  taken.klass(homeroom("c-5a", "6Б", "2026-12-01T08:00:00Z"));
  plan = plan_roster(taken.roster, box, links);
  CHECK(plan.classes.empty());
  REQUIRE(plan.refused.size() == 1);
  CHECK(plan.refused[0].code == "roster.class_name_taken");
  CHECK(plan.refused[0].collection == "classes");

  Sent closed;
  closed.klass(homeroom("c-5a", "5А", "2026-12-01T08:00:00Z", true));
  plan = plan_roster(closed.roster, box, links);
  REQUIRE(plan.classes.size() == 1);
  CHECK(plan.classes[0].kind == StepKind::leave);  // closed: the class and its journal stay
}

TEST_CASE("a pupil moving class is moved, and a pupil in two classes is refused with everything about them") {
  store::RosterRows box;
  box.classes = {{"box-5a", "5А"}, {"box-5b", "5Б"}};
  box.pupils = {pupil("box-anna", "Иванова", "Анна", "2015-04-02", "box-5a")};
  const std::vector<store::PortalLink> links = {
      {class_entity, "c-5a", "box-5a"}, {class_entity, "c-5b", "box-5b"}, {pupil_entity, "u-anna", "box-anna"}};
  Sent move;
  move.enrol(enrollment("e-1", "u-anna", "c-5a", "2026-12-01T08:00:00Z", true)).enrol(enrollment("e-2", "u-anna", "c-5b", "2026-12-01T08:00:00Z"));
  auto plan = plan_roster(move.roster, box, links);
  REQUIRE(plan.pupils.size() == 1);
  CHECK(plan.pupils[0].kind == StepKind::update);
  CHECK(plan.pupils[0].class_uuid == "box-5b");
  CHECK(plan.pupils[0].last_name == "Иванова");  // kept from the box: the user was not sent

  Sent twice;
  twice.user(user("u-new", "student", "Кузнецов", "Иван", "2026-12-01T08:00:00Z", {"u-dad"}))
      .user(user("u-dad", "parent", "Кузнецов", "Пётр", "2026-12-01T08:00:00Z"))
      .enrol(enrollment("e-3", "u-new", "c-5a"))
      .enrol(enrollment("e-4", "u-new", "c-5b"));
  plan = plan_roster(twice.roster, box, links);
  CHECK(plan.pupils.empty());
  const auto* r = refusal_of(plan, "u-new");
  REQUIRE(r);
  CHECK(r->code == "roster.two_classes");
  CHECK(r->reason.find("c-5a and c-5b") != std::string::npos);
  CHECK(plan.guardians.size() == 1);  // the father is fine on his own …
  CHECK(plan.guardian_links.empty());  // … but not linked to a child the box refused
}

TEST_CASE("a new pupil without a class, with a bad name or in an unknown class is refused with a reason") {
  Sent s;
  s.user(user("u-1", "student", "Орлов", "Антон"))
      .user(user("u-2", "student", "Орлов", "Антон42"))
      .user(user("u-3", "student", "Орлова", "Вера"))
      .enrol(enrollment("e-2", "u-2", "c-5a"))
      .enrol(enrollment("e-3", "u-3", "c-nowhere"))
      .klass(homeroom("c-5a", "5А"));
  const auto plan = plan_roster(s.roster, {}, {});
  CHECK(plan.pupils.empty());
  REQUIRE(refusal_of(plan, "u-1"));
  CHECK(refusal_of(plan, "u-1")->code == "roster.no_class");
  REQUIRE(refusal_of(plan, "u-2"));
  CHECK(refusal_of(plan, "u-2")->code == "roster.bad_name");
  CHECK(plan.not_kept == 1);  // u-3's enrollment: c-nowhere is no homeroom class the box knows
  CHECK(refusal_of(plan, "u-3")->code == "roster.no_class");
}

TEST_CASE("a class whose title is no class name is refused, and a class × subject has no row of its own") {
  Sent s;
  auto scheduled = homeroom("c-math", "5А математика");
  scheduled["classType"] = "scheduled";
  s.klass(homeroom("c-x", "Кружок")).klass(scheduled);
  const auto plan = plan_roster(s.roster, {}, {});
  CHECK(plan.classes.empty());
  REQUIRE(plan.refused.size() == 1);
  CHECK(plan.refused[0].code == "roster.class_name");
  CHECK(plan.not_kept == 1);
}

TEST_CASE("guardians and teachers the office entered are linked by names and phone or e-mail") {
  store::RosterRows box;
  box.guardians = {{"box-mum", "Иванова", "Мария", "", {}, "", false, "+79001234567", {}}};
  box.teachers = {{"box-olga", "Петрова", "Ольга", "", {}, "", false, {}, "olga@school.example"}};
  auto mum = user("u-mum", "guardian", "Иванова", "Мария");
  mum["phone"] = "8 (900) 123-45-67";
  auto olga = user("u-olga", "teacher", "Петрова", "Ольга");
  olga["email"] = "Olga@School.example";
  auto namesake = user("u-olga2", "teacher", "Петрова", "Ольга");
  Sent s;
  s.user(mum).user(olga).user(namesake);
  const auto plan = plan_roster(s.roster, box, {});
  REQUIRE(step_of(plan.guardians, "u-mum"));
  CHECK(step_of(plan.guardians, "u-mum")->kind == StepKind::link);
  CHECK(step_of(plan.guardians, "u-mum")->uuid == "box-mum");
  REQUIRE(step_of(plan.teachers, "u-olga"));
  CHECK(step_of(plan.teachers, "u-olga")->kind == StepKind::link);
  REQUIRE(step_of(plan.teachers, "u-olga2"));
  CHECK(step_of(plan.teachers, "u-olga2")->kind == StepKind::create);  // same names alone are not the same person
}

TEST_CASE("a pupil's agents say who their guardians are, and a guardian gone loses their links") {
  store::RosterRows box;
  box.classes = {{"box-5a", "5А"}};
  box.pupils = {pupil("box-anna", "Иванова", "Анна", "2015-04-02", "box-5a")};
  box.guardians = {{"box-mum", "Иванова", "Мария", "", {}, "", false, {}, {}}, {"box-gran", "Иванова", "Нина", "", {}, "", false, {}, {}},
                   {"box-office", "Сидорова", "Ия", "", {}, "", false, {}, {}}};
  box.guardian_links = {{"box-anna", "box-mum", "parent"}, {"box-anna", "box-gran", "grandmother"}, {"box-anna", "box-office", "other"}};
  const std::vector<store::PortalLink> links = {{class_entity, "c-5a", "box-5a"},
                                                {pupil_entity, "u-anna", "box-anna"},
                                                {guardian_entity, "u-mum", "box-mum"},
                                                {guardian_entity, "u-gran", "box-gran"}};
  Sent s;
  s.user(user("u-anna", "student", "Иванова", "Анна", "2026-12-01T08:00:00Z", {"u-mum"}));
  auto plan = plan_roster(s.roster, box, links);
  REQUIRE(plan.guardian_links.size() == 1);  // the grandmother is no longer named; the office's own guardian stays
  CHECK_FALSE(plan.guardian_links[0].add);
  CHECK(plan.guardian_links[0].guardian_uuid == "box-gran");

  Sent gone;
  gone.user(user("u-mum", "parent", "Иванова", "Мария", "2026-12-01T08:00:00Z", {}, true));
  plan = plan_roster(gone.roster, box, links);
  REQUIRE(plan.guardians.size() == 1);
  CHECK(plan.guardians[0].kind == StepKind::leave);
  REQUIRE(plan.guardian_links.size() == 1);
  CHECK_FALSE(plan.guardian_links[0].add);
  CHECK(plan.guardian_links[0].guardian_uuid == "box-mum");
}

TEST_CASE("the same object twice in one read counts once, the later one") {
  Sent s;
  s.klass(homeroom("c-5a", "5А")).klass(homeroom("c-5a", "5Б", "2026-09-02T08:00:00Z"));
  const auto plan = plan_roster(s.roster, {}, {});
  REQUIRE(plan.classes.size() == 1);
  CHECK(plan.classes[0].name == "5Б");
  CHECK(describe(plan) == std::vector<std::string>{"class create c-5a 5Б"});
}

TEST_CASE("a link the box writes goes to the portal as item kind link, keyed by the portal's sourcedId") {
  store::OutboxRow row{4711, "portal_link", "pupil/box-anna", "upsert",
                       R"({"entity":"pupil","uuid":"box-anna","sourcedId":"u-17"})", "2026-12-07T22:00:00Z"};
  auto item = journal_item(row, "2026-12-07T22:00:00Z");
  REQUIRE(item);
  REQUIRE(*item);
  CHECK((*item)->kind == "link");
  CHECK((*item)->sourced_id == "u-17");
  const auto o = json::parse((*item)->json).as_object().at("object").as_object();
  CHECK(o.at("boxSourcedId") == "box-anna");
  CHECK(o.at("boxEntity") == "pupil");
  CHECK(o.at("object").as_object().at("type") == "user");
}
