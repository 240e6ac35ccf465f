// Tests of taps with directions and the card anomalies found in the tap's own transaction: the
// security log, the class teacher's message (once per pupil, kind and day), duplicates' originals.
#include <catch2/catch.hpp>

#include "app/taps.hpp"
#include "classbook/common/crypto.hpp"
#include "kiosk_school.hpp"

using namespace classbook;
using namespace classbook::test;
using namespace std::chrono_literals;

namespace {

Result<app::TapResult> tap(KioskSchool& s, const app::KioskIdentity& k, const std::string& card, const char* at,
                           const std::string& direction = "toggle", std::string tap_id = new_uuid()) {
  app::TapInput in{tap_id, card, "reader-1", at, direction};
  return wait_for<app::TapResult>([&](auto done) { app::record_tap(*s.ctx, k.actor, in, done); });
}

std::int64_t teacher_messages(KioskSchool& s) {
  return s.count("SELECT count(*) FROM messages m JOIN users u ON u.id = m.author_user "
                 "JOIN thread_members tm ON tm.thread_id = m.thread_id AND tm.user_id = 10 WHERE u.login = '@system'");
}

}  // namespace

TEST_CASE("direction in, out and toggle - a duplicate tells its original result") {
  KioskSchool s;
  auto door = s.enrolled("entrance-1", domain::KioskMode::entrance);
  auto first = tap(s, door, "aa01", "2026-11-24T04:50:00Z", "toggle", "11111111-1111-4111-8111-111111111111");
  REQUIRE(first);
  CHECK(first->result == "in");
  CHECK(first->student->name == "Анна Петрова");
  CHECK_FALSE(first->anomaly);
  CHECK(tap(s, door, "AA01", "2026-11-24T04:55:00Z")->result == "out");
  CHECK(tap(s, door, "AA01", "2026-11-24T04:56:00Z", "out")->result == "out");
  CHECK(tap(s, door, "AA01", "2026-11-24T04:57:00Z", "in")->result == "in");
  auto dup = tap(s, door, "aa01", "2026-11-24T04:50:00Z", "toggle", "11111111-1111-4111-8111-111111111111");
  REQUIRE(dup);
  CHECK(dup->result == "duplicate");
  CHECK(dup->original == "in");
  CHECK(dup->student);
  CHECK(s.count("SELECT count(*) FROM taps WHERE direction='out'") == 1);
  CHECK(tap(s, door, "AA01", "2026-11-24T04:58:00Z", "sideways").error().field == "direction");
  CHECK(s.count("SELECT count(*) FROM security_events") == 0);
}

TEST_CASE("inside yesterday is not inside today") {
  KioskSchool s;
  auto door = s.enrolled("entrance-1", domain::KioskMode::entrance);
  REQUIRE(tap(s, door, "AA01", "2026-11-23T05:00:00Z", "in")->result == "in");  // and never tapped out
  auto today = tap(s, door, "AA01", "2026-11-24T04:50:00Z", "in");
  REQUIRE(today);
  CHECK_FALSE(today->anomaly);
  CHECK(tap(s, door, "AA01", "2026-11-24T04:51:00Z")->result == "out");
}

TEST_CASE("two_entrances and already_inside reach the security log and, once a day, the class teacher") {
  KioskSchool s;
  auto a = s.enrolled("entrance-1", domain::KioskMode::entrance);
  auto b = s.enrolled("entrance-2", domain::KioskMode::entrance);
  REQUIRE(tap(s, a, "AA01", "2026-11-24T04:50:00Z", "in")->result == "in");
  auto second = tap(s, b, "AA01", "2026-11-24T04:50:40Z", "in");
  REQUIRE(second);
  CHECK(second->result == "in");
  CHECK(second->anomaly == std::optional<std::string>("two_entrances"));
  CHECK(s.count("SELECT count(*) FROM security_events WHERE kind='two_entrances' AND student_id=1 AND card='AA01'") == 1);
  CHECK(s.count("SELECT count(*) FROM security_events WHERE kind='already_inside' AND student_id=1") == 1);
  CHECK(s.count("SELECT count(*) FROM security_events WHERE detail LIKE '%entrance-1%'") == 1);
  CHECK(teacher_messages(s) == 2);  // one per kind
  CHECK(s.count("SELECT count(*) FROM messages WHERE body LIKE '%Анна Петрова (5А)%' AND body LIKE '%07:50%'") == 2);

  // The same again the same day: logged, but the teacher is not told twice.
  auto third = tap(s, a, "AA01", "2026-11-24T04:51:00Z", "in");
  CHECK(third->anomaly == std::optional<std::string>("two_entrances"));
  CHECK(s.count("SELECT count(*) FROM security_events WHERE student_id=1") == 4);
  CHECK(teacher_messages(s) == 2);
  CHECK(s.count("SELECT count(*) FROM threads") == 1);  // the teacher's one conversation with the box

  // Far apart in time, two doors are fine; direction in while inside still is not.
  s.clock.advance(1h);
  auto later = tap(s, b, "AA01", "2026-11-24T06:00:00Z", "in");
  CHECK(later->anomaly == std::optional<std::string>("already_inside"));
  CHECK(tap(s, b, "BB02", "2026-11-24T06:00:00Z", "in")->anomaly == std::nullopt);
}

TEST_CASE("three unknown cards in a row at one kiosk raise one alarm, without a teacher's message") {
  KioskSchool s;
  auto a = s.enrolled("entrance-1", domain::KioskMode::entrance);
  auto b = s.enrolled("entrance-2", domain::KioskMode::entrance);
  CHECK_FALSE(tap(s, a, "F001", "2026-11-24T04:50:00Z")->anomaly);
  CHECK_FALSE(tap(s, a, "F002", "2026-11-24T04:50:01Z")->anomaly);
  CHECK_FALSE(tap(s, b, "F003", "2026-11-24T04:50:01Z")->anomaly);  // another kiosk's run
  auto third = tap(s, a, "F004", "2026-11-24T04:50:02Z");
  REQUIRE(third);
  CHECK(third->result == "unknown_card");
  CHECK(third->anomaly == std::optional<std::string>("unknown_cards"));
  CHECK_FALSE(tap(s, a, "F005", "2026-11-24T04:50:03Z")->anomaly);
  CHECK(tap(s, a, "AA01", "2026-11-24T04:50:04Z")->result == "in");
  CHECK_FALSE(tap(s, a, "F006", "2026-11-24T04:50:05Z")->anomaly);
  CHECK_FALSE(tap(s, a, "F007", "2026-11-24T04:50:06Z")->anomaly);
  CHECK(tap(s, a, "F008", "2026-11-24T04:50:07Z")->anomaly == std::optional<std::string>("unknown_cards"));
  CHECK(s.count("SELECT count(*) FROM security_events WHERE kind='unknown_cards' AND student_id IS NULL") == 2);
  CHECK(teacher_messages(s) == 0);
}
