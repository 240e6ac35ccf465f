// courier_random_test: any interleaving of taps, the box going up and down, lost and failed
// answers — no tap is lost, none is sent again after the box acknowledged it, and the box records
// them in the order they were read.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>

#include "kiosk_rig.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;

namespace {

// The box's side: idempotent by tap_id, like the real one.
struct FakeBox {
  bool up = true;
  std::vector<std::string> recorded;  // tap_ids in the order they were first recorded
  std::set<std::string> known;
  std::set<std::string> acknowledged;  // a 2xx went back to the kiosk

  Reply take(const SpooledTap& t, std::mt19937& rng) {
    if (!up) return unreachable_reply("connect: Connection refused");
    const int roll = static_cast<int>(rng() % 10);
    if (roll == 0) return error_reply(503, "unavailable", "storage is busy");  // nothing written
    const bool fresh = known.insert(t.tap_id).second;
    if (fresh) recorded.push_back(t.tap_id);
    if (roll == 1) return unreachable_reply("read: connection reset");  // written, answer lost
    acknowledged.insert(t.tap_id);
    return fresh ? tap_ok("in") : reply_from_http(200, R"({"result":"duplicate","original":"in"})");
  }
};

void run_seed(unsigned seed) {
  log::set_level(log::Level::error);  // thousands of reachability flips are expected here
  std::mt19937 rng(seed);
  KioskRig k;
  FakeBox box;
  k.logic->start();
  int cards = 0;
  for (int step = 0; step < 1500; ++step) {
    switch (rng() % 8) {
      case 0:
      case 1:
        k.card("C" + std::to_string(1000000 + cards++));
        break;
      case 2: {
        k.advance(std::chrono::milliseconds(rng() % 3000));
        // Whatever was due has been done: a timer armed for next_wakeup() never spins.
        const auto wake = k.logic->next_wakeup();
        REQUIRE((!wake || *wake > k.clock.now()));
        break;
      }
      case 3:
        if (rng() % 4 == 0) box.up = !box.up;
        break;
      default: {
        if (k.uplink.pending.empty()) break;
        // Answer any pending request: replies may come back in any order.
        auto& r = k.uplink.pending[rng() % k.uplink.pending.size()];
        const auto kind = r.kind;
        if (kind == "hello") {
          k.uplink.answer("hello", box.up ? hello_ok() : unreachable_reply("timed out"));
        } else {
          const auto tap = *k.uplink.first("tap")->tap;
          REQUIRE(box.acknowledged.count(tap.tap_id) == 0);  // never again after a 2xx
          k.uplink.answer("tap", box.take(tap, rng));
        }
      }
    }
    REQUIRE(k.uplink.count("tap") <= 1);  // one tap on the wire at a time
  }
  // The box stays up; time and answers flow until the spool is empty.
  box.up = true;
  for (int i = 0; i < 100000 && (k.spool.depth() > 0 || !k.uplink.pending.empty()); ++i) {
    if (!k.uplink.pending.empty()) {
      if (k.uplink.pending.front().kind == "hello") {
        k.uplink.answer("hello", hello_ok());
      } else {
        const auto tap = *k.uplink.first("tap")->tap;
        REQUIRE(box.acknowledged.count(tap.tap_id) == 0);
        k.uplink.answer("tap", box.take(tap, rng));
      }
    } else {
      k.advance(500ms);
    }
  }
  REQUIRE(k.spool.depth() == 0);
  REQUIRE(k.spool.rows.size() == static_cast<std::size_t>(cards));
  std::vector<std::string> spooled;
  for (const auto& r : k.spool.rows) {
    REQUIRE(r.state == "delivered");
    spooled.push_back(r.tap.tap_id);
  }
  CHECK(box.recorded == spooled);  // each once, in spool order
  CHECK(k.shown().spool_depth == 0);
  log::set_level(log::Level::info);
}

}  // namespace

TEST_CASE("randomised: taps survive any mix of outages and lost answers, once each, in order") {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    run_seed(seed);
  }
}
