// Tests of the class teacher's card anomalies: taps through the real use case raise them, and the
// class's read shows its pupils' ones in the school's time and words — to the class teacher and the
// director only, and heard of live by the class teacher; the range is checked like every other list's.
#include <catch2/catch.hpp>

#include <mutex>
#include <vector>

#include "app/class_anomalies.hpp"
#include "app/taps.hpp"
#include "classbook/common/crypto.hpp"
#include "kiosk_school.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

constexpr const char* class_5a = "00000000-0000-4000-8000-0000000000c1";

void tap(KioskSchool& s, const app::KioskIdentity& k, const std::string& card, const char* at, const char* direction) {
  app::TapInput in{new_uuid(), card, "reader-1", at, direction};
  REQUIRE(wait_for<app::TapResult>([&](auto done) { app::record_tap(*s.ctx, k.actor, in, done); }));
}

// The school's class 5А gets an id a client could send (a UUID).
void give_class_its_uuid(KioskSchool& s) {
  auto db = store::Db::open(s.dir.file("s.db"), store::Db::Mode::read_write);
  REQUIRE(db);
  REQUIRE((*db)->exec(std::string("UPDATE classes SET uuid='") + class_5a + "' WHERE id=1"));
}

// Анна taps in at two entrances 40 s apart (two_entrances, already_inside); three unknown cards follow.
void provoke(KioskSchool& s) {
  give_class_its_uuid(s);
  auto a = s.enrolled("entrance-1", domain::KioskMode::entrance);
  auto b = s.enrolled("entrance-2", domain::KioskMode::entrance);
  tap(s, a, "AA01", "2026-11-24T04:50:00Z", "in");
  tap(s, b, "AA01", "2026-11-24T04:50:40Z", "in");
  for (const char* card : {"F001", "F002", "F003"}) tap(s, a, card, "2026-11-24T04:51:00Z", "toggle");
  REQUIRE(s.count("SELECT count(*) FROM security_events") == 3);
}

domain::Actor class_teacher_of(long long class_id) {
  domain::Actor a;
  a.role = domain::Role::teacher;
  a.user_id = 10;
  a.person_id = 1;
  a.homeroom_classes = {class_id};
  return a;
}

Result<app::ClassAnomaliesView> read(KioskSchool& s, const domain::Actor& who, std::string_view from = "",
                                     std::string_view to = "", std::string_view klass = class_5a) {
  return app::class_card_anomalies(*s.ctx, who, klass, from, to);
}

}  // namespace

TEST_CASE("the class teacher reads the class's card anomalies of the day, in the school's time and words") {
  KioskSchool s;
  provoke(s);
  const auto day = read(s, class_teacher_of(1));  // today, by the school's clock: 2026-11-24
  REQUIRE(day);
  CHECK(day->class_name == "5А");
  CHECK((day->from == "2026-11-24" && day->to == "2026-11-24"));
  CHECK_FALSE(day->truncated);
  REQUIRE(day->anomalies.size() == 2);  // the unknown cards name no pupil: the office's log only
  const auto& two = day->anomalies[0];
  CHECK(two.kind == "two_entrances");
  CHECK(two.student_id == "00000000-0000-4000-8000-000000000001");
  CHECK(two.student == "Анна Петрова");
  CHECK(two.kiosk == "entrance-2");
  CHECK(two.at == "2026-11-24T04:50:40.000Z");
  CHECK((two.date == "2026-11-24" && two.time == "07:50"));
  CHECK(two.message.find("Анна Петрова (5А)") != std::string::npos);
  CHECK(two.message.find("07:50") != std::string::npos);
  CHECK(day->anomalies[1].kind == "already_inside");

  CHECK(read(s, s.director)->anomalies.size() == 2);
  CHECK(read(s, class_teacher_of(1), "2026-11-25", "2026-11-30")->anomalies.empty());
  CHECK(read(s, class_teacher_of(1), "2026-11-01", "2026-11-24")->anomalies.size() == 2);
}

TEST_CASE("the class teacher hears of each anomaly live, with the class, the pupil and the day") {
  KioskSchool s;
  std::mutex m;
  std::vector<store::Change> heard;
  s.writer->on_changes([&](std::vector<store::Change> changes) {
    std::lock_guard lock(m);
    for (auto& c : changes)
      if (c.kind == "card_anomaly") heard.push_back(std::move(c));
  });
  provoke(s);
  s.writer->on_changes(nullptr);
  std::lock_guard lock(m);
  REQUIRE(heard.size() == 2);  // two_entrances and already_inside; the unknown cards name no class
  for (const auto& c : heard) {
    CHECK(c.scope == store::ChangeScope::accounts);
    CHECK(c.accounts == std::vector<store::Id>{10});  // the class teacher's account only
    CHECK(c.data == std::string(R"({"class_id":")") + class_5a +
                        R"(","student_id":"00000000-0000-4000-8000-000000000001","date":"2026-11-24"})");
  }
}

TEST_CASE("another class's teacher, a guardian, a pupil and the office are refused") {
  KioskSchool s;
  provoke(s);
  CHECK(read(s, class_teacher_of(2)).error().code == Errc::forbidden);
  CHECK(read(s, s.guardian).error().code == Errc::forbidden);
  CHECK(read(s, s.anna).error().code == Errc::forbidden);
  CHECK(read(s, s.admin).error().code == Errc::forbidden);
  CHECK(read(s, secretary()).error().code == Errc::forbidden);
  CHECK(read(s, class_teacher_of(1), "", "", "00000000-0000-4000-8000-0000000000ff").error().code == Errc::not_found);
  CHECK(read(s, class_teacher_of(1), "", "", "5А").error().code == Errc::not_found);
}

TEST_CASE("the range is checked before anything is read") {
  KioskSchool s;
  give_class_its_uuid(s);
  const auto teacher = class_teacher_of(1);
  CHECK(read(s, teacher, "24.11.2026").error().field == "from");
  CHECK(read(s, teacher, "2026-11-24", "2026-11-23").error().id.view() == "date.range_reversed");
  CHECK(read(s, teacher, "2026-09-01", "2026-11-24").error().id.view() == "date.range_too_long");
  CHECK(read(s, teacher, "2026-09-24", "2026-11-24"));  // 62 days: the most one request reads
}
