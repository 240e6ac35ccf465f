// Tests of the hall kiosk's diary: the pupil's PIN (set by the pupil or a guardian), five wrong
// tries lock the card for fifteen minutes, a right one clears the count — kept in the database.
#include <catch2/catch.hpp>

#include "app/hash_pool.hpp"
#include "app/kiosk_pins.hpp"
#include "busy_pool.hpp"
#include "kiosk_school.hpp"

#include <future>
#include <memory>

using namespace classbook;
using namespace classbook::test;
using namespace std::chrono_literals;

namespace {

const std::string anna_id = "00000000-0000-4000-8000-000000000001";
const std::string boris_id = "00000000-0000-4000-8000-000000000002";

Result<app::KioskDiaryOutcome> try_pin(KioskSchool&, app::KioskDiary& diary, const app::KioskIdentity& kiosk,
                                       const std::string& pin, const std::string& card = "aa01") {
  app::KioskDiaryQuery q;
  q.card = card;
  q.pin = pin;
  return wait_for<app::KioskDiaryOutcome>([&](auto done) { diary.open(kiosk.actor, q, done); });
}

Status set_pin(KioskSchool& s, const domain::Actor& who, const std::string& student, const std::string& pin) {
  return wait_for<Ok>([&](auto done) { app::set_kiosk_pin(*s.ctx, who, student, pin, done); });
}

}  // namespace

TEST_CASE("a pupil or a guardian sets the PIN, the rule speaks, nobody else may") {
  KioskSchool s;
  CHECK(set_pin(s, s.anna, anna_id, "4821"));
  CHECK(set_pin(s, s.guardian, anna_id, "5930"));
  auto weak = set_pin(s, s.anna, anna_id, "1234");
  REQUIRE_FALSE(weak);
  CHECK(weak.error().code == Errc::invalid_input);
  CHECK(weak.error().field == "pin");
  CHECK(set_pin(s, s.anna, boris_id, "4821").error().code == Errc::forbidden);     // a classmate
  CHECK(set_pin(s, s.guardian, boris_id, "4821").error().code == Errc::forbidden);  // not the own child
  CHECK(set_pin(s, s.admin, anna_id, "4821").error().code == Errc::forbidden);
  CHECK(s.count("SELECT count(*) FROM kiosk_pins") == 1);
  CHECK(s.count("SELECT count(*) FROM kiosk_pins WHERE pin_hash LIKE '$argon2id$%'") == 1);
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='kiosk_pin' AND after NOT LIKE '%5930%'") == 2);
  CHECK(wait_for<Ok>([&](auto done) { app::remove_kiosk_pin(*s.ctx, s.guardian, anna_id, done); }));
  CHECK(s.count("SELECT count(*) FROM kiosk_pins") == 0);
}

TEST_CASE("the right PIN opens the pupil's diary - no PIN, unknown card and entrance kiosks are refused") {
  KioskSchool s;
  auto hall = s.enrolled("hall-1", domain::KioskMode::hall);
  auto door = s.enrolled("entrance-1", domain::KioskMode::entrance);
  app::KioskDiary diary(*s.ctx);

  auto none = try_pin(s, diary, hall, "4821");
  REQUIRE(none);
  CHECK(none->refusal == app::kiosk_error::no_pin);
  auto unknown = try_pin(s, diary, hall, "4821", "FFFF");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == app::kiosk_error::unknown_card);
  CHECK(unknown.error().code == Errc::not_found);

  REQUIRE(set_pin(s, s.anna, anna_id, "4821"));
  auto open = try_pin(s, diary, hall, "4821");
  REQUIRE(open);
  REQUIRE(open->diary);
  CHECK(open->diary->student.uuid == anna_id);
  CHECK(open->diary->week == "2026-W48");  // this week in the school's time

  app::KioskDiaryQuery by_qr;
  by_qr.qr = "classbook:card:AA01";
  by_qr.pin = "4821";
  by_qr.week = "2026-W47";
  auto qr = wait_for<app::KioskDiaryOutcome>([&](auto done) { diary.open(hall.actor, by_qr, done); });
  REQUIRE(qr);
  REQUIRE(qr->diary);
  CHECK(qr->diary->week == "2026-W47");
  by_qr.qr = "https://example.org/AA01";
  CHECK(wait_for<app::KioskDiaryOutcome>([&](auto done) { diary.open(hall.actor, by_qr, done); }).error().field == "qr");

  auto at_door = try_pin(s, diary, door, "4821");
  REQUIRE_FALSE(at_door);
  CHECK(at_door.error().code == Errc::forbidden);
}

TEST_CASE("five wrong PINs lock the card for fifteen minutes, the lock outlives a restart, a right PIN resets") {
  KioskSchool s;
  auto hall = s.enrolled("hall-1", domain::KioskMode::hall);
  REQUIRE(set_pin(s, s.anna, anna_id, "4821"));
  {
    app::KioskDiary diary(*s.ctx);
    for (int left = 4; left >= 1; --left) {
      auto r = try_pin(s, diary, hall, "0000");
      REQUIRE(r);
      CHECK(r->refusal == app::kiosk_error::wrong_pin);
      CHECK(r->attempts_left == left);
    }
    auto locked = try_pin(s, diary, hall, "0000");
    REQUIRE(locked);
    CHECK(locked->refusal == app::kiosk_error::pin_locked);
    CHECK(locked->locked_until == "2026-11-24T05:15:00.000Z");
    CHECK(s.count("SELECT count(*) FROM security_events WHERE kind='pin_locked' AND student_id=1") == 1);
  }
  // A new KioskDiary is what a restarted classbookd has: the lock is in the database.
  app::KioskDiary restarted(*s.ctx);
  s.clock.advance(14min);
  auto still = try_pin(s, restarted, hall, "4821");
  REQUIRE(still);
  CHECK(still->refusal == app::kiosk_error::pin_locked);
  CHECK_FALSE(still->diary);
  s.clock.advance(1min);
  auto open = try_pin(s, restarted, hall, "4821");
  REQUIRE(open);
  CHECK(open->diary);
  CHECK(s.count("SELECT failures FROM kiosk_pins WHERE student_id=1") == 0);
  CHECK(s.count("SELECT locked_until IS NULL FROM kiosk_pins WHERE student_id=1") == 1);

  // Wrong, wrong, right: the count starts again, so four more wrong ones do not lock.
  REQUIRE(try_pin(s, restarted, hall, "1111")->attempts_left == 4);
  REQUIRE(try_pin(s, restarted, hall, "1111")->attempts_left == 3);
  REQUIRE(try_pin(s, restarted, hall, "4821")->diary);
  for (int left = 4; left >= 1; --left) CHECK(try_pin(s, restarted, hall, "9999")->attempts_left == left);
  // Setting the PIN again on the web clears the count too.
  REQUIRE(set_pin(s, s.guardian, anna_id, "5930"));
  CHECK(try_pin(s, restarted, hall, "9999")->attempts_left == 4);
  CHECK(try_pin(s, restarted, hall, "5930")->diary);
}

TEST_CASE("with the hash pool full, setting or checking a PIN answers busy and counts no wrong try") {
  KioskSchool s;
  auto hall = s.enrolled("hall-1", domain::KioskMode::hall);
  REQUIRE(set_pin(s, s.anna, anna_id, "4821"));
  app::KioskDiary diary(*s.ctx);

  // The pool's one thread is held and its one queue place taken.
  auto pool = std::make_shared<app::HashPool>(1, 1);
  s.ctx->hashing = pool;
  std::promise<void> release;
  occupy(*pool, release.get_future().share());
  REQUIRE(pool->submit([] {}));

  auto check = try_pin(s, diary, hall, "0000");
  REQUIRE_FALSE(check);
  CHECK(check.error().code == Errc::unavailable);
  auto change = set_pin(s, s.anna, anna_id, "5930");
  REQUIRE_FALSE(change);
  CHECK(change.error().code == Errc::unavailable);
  release.set_value();

  CHECK(s.count("SELECT failures FROM kiosk_pins WHERE student_id=1") == 0);
  s.ctx->hashing = std::make_shared<app::HashPool>();
  auto open = try_pin(s, diary, hall, "4821");  // the PIN is still the old one
  REQUIRE(open);
  CHECK(open->diary);
}
