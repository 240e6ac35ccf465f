// Tests of a pupil's entrance cards: given, replaced, refused when taken or blocked, blocked with a new
// one in the same job, the history newest first; a blocked card refused at the entrance and logged; a
// desk reader's card passed live to the office with nothing written.
#include <catch2/catch.hpp>

#include <mutex>

#include "app/pupil_cards.hpp"
#include "app/taps.hpp"
#include "classbook/common/crypto.hpp"
#include "kiosk_school.hpp"

using namespace classbook;
using namespace classbook::test;

namespace {

const std::string anna = "00000000-0000-4000-8000-000000000001";
const std::string boris = "00000000-0000-4000-8000-000000000002";

Result<app::PupilCards> give(KioskSchool& s, const domain::Actor& who, const std::string& pupil, const std::string& card) {
  return wait_for<app::PupilCards>([&](auto done) { app::give_card(*s.ctx, who, {pupil, card}, done); });
}

Result<app::PupilCards> block(KioskSchool& s, const std::string& pupil, const std::string& reason,
                              std::optional<std::string> new_card = std::nullopt) {
  return wait_for<app::PupilCards>([&](auto done) { app::block_card(*s.ctx, secretary(), {pupil, reason, new_card}, done); });
}

Result<app::TapResult> tap(KioskSchool& s, const app::KioskIdentity& k, const std::string& card, std::string tap_id = new_uuid()) {
  app::TapInput in{tap_id, card, "reader-1", "2026-11-24T04:50:00Z", "toggle"};
  if (k.kiosk.mode == domain::KioskMode::desk) in.desk = app::DeskKiosk{k.kiosk.uuid, k.kiosk.name};
  return wait_for<app::TapResult>([&](auto done) { app::record_tap(*s.ctx, k.actor, in, done); });
}

}  // namespace

TEST_CASE("cards: given, replaced, refused when another pupil holds one, blocked with a new one, newest first") {
  KioskSchool s;
  auto given = give(s, secretary(), anna, "cc03");
  REQUIRE(given);
  REQUIRE(given->current);
  CHECK(given->current->card == "CC03");
  CHECK(given->current->issued_by->uuid == "u30");
  REQUIRE(given->history.size() == 2);  // AA01 was held with no history row: its end is kept all the same
  CHECK(given->history[1].card == "AA01");
  CHECK(given->history[1].end_reason == "replaced");
  CHECK(s.count("SELECT count(*) FROM students WHERE id=1 AND card='CC03'") == 1);

  auto again = give(s, secretary(), anna, "CC03");  // the same card: nothing changes
  REQUIRE(again);
  CHECK(again->history.size() == 2);

  auto taken = give(s, secretary(), anna, "BB02");
  REQUIRE_FALSE(taken);
  CHECK(taken.error().id.view() == "card.taken");
  CHECK(taken.error().message.find("Смирнов Борис") != std::string::npos);  // the office is told who holds it

  auto lost = block(s, anna, "lost", "dd04");
  REQUIRE(lost);
  CHECK(lost->current->card == "DD04");
  REQUIRE(lost->history.size() == 3);
  CHECK(lost->history[1].card == "CC03");
  CHECK(lost->history[1].end_reason == "lost");
  CHECK(lost->history[1].ended_by->uuid == "u30");
  CHECK(s.count("SELECT count(*) FROM audit WHERE entity='student_card' AND action='block'") == 1);

  auto blocked = give(s, secretary(), boris, "CC03");
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().id.view() == "card.blocked");
  CHECK(blocked.error().message.find("lost on 2026-11-24") != std::string::npos);
  CHECK(s.count("SELECT count(*) FROM students WHERE id=2 AND card='BB02'") == 1);  // refused whole

  CHECK(block(s, anna, "stolen").error().id.view() == "card.block_reason_unknown");
  CHECK(block(s, anna, "damaged", "DD04").error().id.view() == "card.blocked");  // the card being blocked is no new card

  auto read = app::pupil_cards(*s.ctx, s.director, anna);  // the director reads the history
  REQUIRE(read);
  CHECK(read->history.size() == 3);
  CHECK(app::pupil_cards(*s.ctx, s.guardian, anna).error().code == Errc::forbidden);
  CHECK(give(s, s.director, anna, "EE05").error().code == Errc::forbidden);
}

TEST_CASE("a blocked card is refused at the entrance and logged, and at the desk goes to the office, written nowhere") {
  KioskSchool s;
  REQUIRE(block(s, anna, "lost"));
  auto door = s.enrolled("entrance-1", domain::KioskMode::entrance);
  const auto id = new_uuid();
  auto refused = tap(s, door, "aa01", id);
  REQUIRE(refused);
  CHECK(refused->result == "unknown_card");
  CHECK_FALSE(refused->student);  // whoever found the card is not told whose it was
  CHECK(s.count("SELECT count(*) FROM security_events WHERE kind='blocked_card' AND student_id=1 AND card='AA01'") == 1);
  CHECK(s.count("SELECT count(*) FROM taps WHERE result='blocked_card' AND student_id IS NULL") == 1);
  CHECK(s.count("SELECT count(*) FROM presence") == 0);
  auto dup = tap(s, door, "AA01", id);
  REQUIRE(dup);
  CHECK(dup->result == "duplicate");
  CHECK(dup->original == "unknown_card");
  CHECK(s.count("SELECT count(*) FROM security_events") == 1);

  std::mutex m;
  std::vector<store::Change> heard;
  s.writer->on_changes([&](std::vector<store::Change> changes) {
    std::lock_guard lock(m);
    for (auto& c : changes) heard.push_back(std::move(c));
  });
  auto desk = s.enrolled("desk-1", domain::KioskMode::desk);
  const auto taps_before = s.count("SELECT count(*) FROM taps");
  for (const char* card : {"AA01", "bb02", "F00D"}) {
    auto passed = tap(s, desk, card);
    REQUIRE(passed);
    CHECK(passed->result == "desk");
  }
  s.writer->on_changes(nullptr);
  CHECK(s.count("SELECT count(*) FROM taps") == taps_before);
  CHECK(s.count("SELECT count(*) FROM presence") == 0);
  CHECK(s.count("SELECT count(*) FROM security_events") == 1);
  std::lock_guard lock(m);
  REQUIRE(heard.size() == 3);
  const std::string kiosk = R"({"kiosk":{"id":")" + desk.kiosk.uuid + R"(","name":"desk-1"},)";
  CHECK(heard[0].kind == "desk_card");
  CHECK(heard[0].scope == store::ChangeScope::office);
  CHECK(heard[0].data == kiosk + R"("card":"AA01","student":{"id":")" + anna +
                             R"(","name":"Анна Петрова","class":"5А"},"blocked":true,"at":"2026-11-24T04:50:00.000Z"})");
  CHECK(heard[1].data == kiosk + R"("card":"BB02","student":{"id":")" + boris +
                             R"(","name":"Борис Смирнов","class":"5А"},"blocked":false,"at":"2026-11-24T04:50:00.000Z"})");
  CHECK(heard[2].data == kiosk + R"("card":"F00D","student":null,"blocked":false,"at":"2026-11-24T04:50:00.000Z"})");
}
