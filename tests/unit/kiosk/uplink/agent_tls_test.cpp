// agent_tls_test: the whole agent — KioskLogic on its loop, the real uplink over mutual TLS, the
// real spool file — against the loopback test box, in real time.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <map>

#include "kiosk/app/agent_loop.hpp"
#include "kiosk/spool/sqlite_spool.hpp"
#include "kiosk/uplink/box_uplink.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"
#include "kiosk_fakes.hpp"
#include "temp_dir.hpp"
#include "test_box.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace json = boost::json;

namespace {

TestAnswer box_answer(const SeenRequest& r) {
  if (r.target == "/api/v1/kiosk/hello")
    return {200, R"({"kiosk":{"name":"Main entrance","mode":"entrance"},"school":"School 5","utc_offset":"+03:00"})"};
  if (r.target == "/api/v1/taps") {
    const auto at = json::parse(r.body).at("at").as_string();
    return {201, R"({"result":"in","at":")" + std::string(at) + R"(","student":{"name":"Anna Petrova","class":"5A"}})"};
  }
  return {404, "{}"};
}

struct Agent {
  classbook::test::TempDir dir;
  TestPki pki{dir.path()};
  TestBox box{pki};
  SystemClock clock;
  net::io_context io;
  std::unique_ptr<net::ssl::context> tls = kiosk_tls_context(pki.files).value();
  KioskConfig config = *parse_kiosk_config("[server]\nurl = https://127.0.0.1:" + std::to_string(box.port()) + "\n",
                                           dir.file("kiosk.conf"));
  HttpsClient client{io, *tls, {"127.0.0.1", box.port(), config.server.host_header(), config.timing.request_timeout}};
  BoxUplink uplink{client};
  std::unique_ptr<SqliteSpool> spool = SqliteSpool::open(pki.files.spool, clock).value();
  FakeScreen screen;
  FakeFeedback feedback;
  std::unique_ptr<KioskLogic> logic;
  std::unique_ptr<AgentLoop> loop;

  Agent() {
    box.handle(box_answer);
    logic = std::make_unique<KioskLogic>(config, KioskPorts{clock, uplink, screen, feedback, spool.get()});
    loop = std::make_unique<AgentLoop>(io, *logic, clock);
    loop->start();
  }
  // Runs the loop until `done` holds or `limit` passes; true if it held.
  template <class Pred>
  bool run_until(Pred done, std::chrono::milliseconds limit = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
      io.restart();
      io.run_for(10ms);
    }
    return done();
  }
  void card(const std::string& hex) {
    loop->on_card({"reader-1", {hex, drivers::CardTech::iso14443a}, clock.now()});
  }
  Banner banner() const { return screen.shown.empty() ? Banner::idle : screen.last().banner; }
};

}  // namespace

TEST_CASE("a tap over the real uplink: welcome within the online answer time") {
  Agent a;
  REQUIRE(a.run_until([&] { return !a.screen.shown.empty() && a.screen.last().server_reachable; }));
  const auto t0 = std::chrono::steady_clock::now();
  a.card("E37A5C1D");
  REQUIRE(a.run_until([&] { return a.banner() == Banner::welcome; }, 2000ms));
  CHECK(std::chrono::steady_clock::now() - t0 < a.config.timing.online_answer);
  CHECK(a.screen.last().person == "Anna Petrova");
  CHECK(a.screen.last().school == "School 5");
  CHECK(a.spool->depth() == 0);
  CHECK(a.feedback.last() == drivers::Feedback::accepted);
  // hello and the tap shared one connection
  CHECK(a.box.connections == 1);
}

TEST_CASE("a slow box: amber after the online answer time, the row delivered when the answer comes") {
  Agent a;
  REQUIRE(a.run_until([&] { return !a.screen.shown.empty() && a.screen.last().server_reachable; }));
  a.box.delay_ms = 1800;
  const auto t0 = std::chrono::steady_clock::now();
  a.card("E37A5C1D");
  REQUIRE(a.run_until([&] { return a.banner() == Banner::recorded_offline; }, 3000ms));
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(took >= a.config.timing.online_answer - 50ms);
  CHECK(took < a.config.timing.online_answer + 500ms);
  CHECK(a.feedback.last() == drivers::Feedback::offline);
  CHECK(a.spool->depth() == 1);
  REQUIRE(a.run_until([&] { return a.spool->depth() == 0; }, 4000ms));
  int taps = 0;
  for (const auto& r : a.box.seen()) taps += r.target == "/api/v1/taps";
  CHECK(taps == 1);
}

TEST_CASE("the box dropping every request, then back: taps replay in order, once each") {
  Agent a;
  REQUIRE(a.run_until([&] { return !a.screen.shown.empty() && a.screen.last().server_reachable; }));
  a.box.drop_next = 1000000;
  a.card("AAAA0001");
  a.card("BBBB0002");
  a.card("CCCC0003");
  REQUIRE(a.run_until([&] { return !a.screen.last().server_reachable; }, 6000ms));
  CHECK(a.spool->depth() == 3);
  a.box.drop_next = 0;
  REQUIRE(a.run_until([&] { return a.spool->depth() == 0; }, 10000ms));
  std::vector<std::string> answered_cards;
  std::map<std::string, int> per_tap;
  for (const auto& r : a.box.seen())
    if (r.target == "/api/v1/taps") {
      auto body = json::parse(r.body).as_object();
      ++per_tap[std::string(body.at("tap_id").as_string())];
      answered_cards.push_back(std::string(body.at("card").as_string()));
    }
  CHECK(per_tap.size() == 3);
  // Dropped attempts came before; the last three the box saw are the replay, in order.
  REQUIRE(answered_cards.size() >= 3);
  CHECK(std::vector<std::string>(answered_cards.end() - 3, answered_cards.end()) ==
        std::vector<std::string>{"AAAA0001", "BBBB0002", "CCCC0003"});
  CHECK(a.screen.last().spool_depth == 0);
}
