// spool_replay_test: the kiosk's logic on the real spool file — taps recorded while the box is down
// survive a restart of the kiosk and are replayed in order, once.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/core/kiosk_logic.hpp"
#include "kiosk/spool/sqlite_spool.hpp"
#include "kiosk_fakes.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;

TEST_CASE("taps recorded offline are replayed after a kiosk restart, in order") {
  classbook::test::TempDir dir;
  const auto path = dir.file("spool.sqlite");
  TimePoint t0;
  parse_utc("2026-11-30T05:12:00.000Z", t0);
  FakeClock clock(t0);
  auto config = *parse_kiosk_config("[server]\nurl = https://box.test:8443\n", "/tmp/kiosk.conf");
  std::vector<std::string> ids;
  {
    auto spool = SqliteSpool::open(path, clock).value();
    FakeUplink uplink;
    FakeScreen screen;
    FakeFeedback feedback;
    KioskLogic logic(config, KioskPorts{clock, uplink, screen, feedback, spool.get()});
    logic.start();
    uplink.answer("hello", unreachable_reply("connect: No route to host"));
    for (auto card : {"AAAA0001", "BBBB0002", "CCCC0003"}) {
      logic.on_card({"reader-1", {card, drivers::CardTech::iso14443a}, clock.now()});
      clock.advance(400ms);
      logic.tick();
    }
    clock.advance(config.timing.online_answer);
    logic.tick();
    CHECK(screen.last().spool_depth == 3);
    CHECK(screen.last().banner == Banner::recorded_offline);
    for (const auto& r : uplink.pending) CHECK(r.kind != "tap");
  }  // the kiosk stops here (power cut, update, ...)

  auto spool = SqliteSpool::open(path, clock).value();
  FakeUplink uplink;
  FakeScreen screen;
  FakeFeedback feedback;
  KioskLogic logic(config, KioskPorts{clock, uplink, screen, feedback, spool.get()});
  logic.start();
  CHECK(screen.last().spool_depth == 3);
  uplink.answer("hello", hello_ok());
  std::vector<std::string> cards;
  std::set<std::string> tap_ids;
  while (uplink.count("tap") == 1) {
    cards.push_back(uplink.first("tap")->tap->tap.card);
    tap_ids.insert(uplink.first("tap")->tap->tap_id);
    uplink.answer("tap", tap_ok("in"));
  }
  CHECK(cards == std::vector<std::string>{"AAAA0001", "BBBB0002", "CCCC0003"});
  CHECK(tap_ids.size() == 3);
  CHECK(spool->depth() == 0);
  CHECK(screen.last().spool_depth == 0);
}
