// box_uplink_test: the protocol's requests as the box receives them, and its answers as Replies.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "kiosk/uplink/box_uplink.hpp"
#include "kiosk/uplink/kiosk_tls.hpp"
#include "temp_dir.hpp"
#include "test_box.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;
namespace net = boost::asio;
namespace json = boost::json;

namespace {

struct Rig {
  classbook::test::TempDir dir;
  TestPki pki{dir.path()};
  TestBox box{pki};
  net::io_context io;
  std::unique_ptr<net::ssl::context> tls = kiosk_tls_context(pki.files).value();
  HttpsClient client{io, *tls, {"127.0.0.1", box.port(), "127.0.0.1:" + std::to_string(box.port()), 2000ms}};
  BoxUplink uplink{client};

  template <class Send>
  Reply run(Send send) {
    std::optional<Reply> reply;
    send([&](Reply r) { reply = std::move(r); });
    io.restart();
    while (!reply && io.run_one_for(10s) > 0) {
    }
    REQUIRE(reply);
    return *reply;
  }
};

}  // namespace

TEST_CASE("hello is a GET the box answers with its school") {
  Rig k;
  k.box.handle([](const SeenRequest&) { return TestAnswer{200, R"({"school":"School 5","utc_offset":"+03:00"})"}; });
  auto r = k.run([&](auto done) { k.uplink.hello(done); });
  CHECK(r.kind == Reply::Kind::answered);
  CHECK(read_hello(r.body)->school == "School 5");
  CHECK(k.box.seen()[0].method == "GET");
  CHECK(k.box.seen()[0].target == "/api/v1/kiosk/hello");
}

TEST_CASE("a tap is POSTed with its tap_id, card, reader, time and direction") {
  Rig k;
  k.box.handle([](const SeenRequest&) { return TestAnswer{201, R"({"result":"in","at":"2026-11-30T05:12:00.000Z"})"}; });
  SpooledTap t{3, "0b6f3a52-6f7c-4f0e-9a51-1c1d2e3f4a5b", {"E37A5C1D", "sim", "2026-11-30T05:12:00.000Z", Direction::out}, 0};
  auto r = k.run([&](auto done) { k.uplink.post_tap(t, done); });
  CHECK(r.kind == Reply::Kind::answered);
  CHECK(r.status == 201);
  const auto seen = k.box.seen().at(0);
  CHECK(seen.target == "/api/v1/taps");
  auto body = json::parse(seen.body).as_object();
  CHECK(body.at("tap_id").as_string() == t.tap_id);
  CHECK(body.at("card").as_string() == "E37A5C1D");
  CHECK(body.at("direction").as_string() == "out");
}

TEST_CASE("hello and taps tell the box the spool's depth once a spool reports it, as a count") {
  Rig k;
  k.box.handle([](const SeenRequest& r) {
    return r.method == "GET" ? TestAnswer{200, R"({"school":"School 5"})"}
                             : TestAnswer{201, R"({"result":"in","at":"2026-11-30T05:12:00.000Z"})"};
  });
  SpooledTap t{3, "0b6f3a52-6f7c-4f0e-9a51-1c1d2e3f4a5b", {"E37A5C1D", "sim", "2026-11-30T05:12:00.000Z", Direction::in}, 0};
  // A hall kiosk (no spool): no header at all, so the box keeps the depth unknown.
  k.run([&](auto done) { k.uplink.hello(done); });
  REQUIRE(k.box.seen().size() == 1);
  CHECK_FALSE(k.box.seen()[0].has_spool_depth);

  std::int64_t depth = 0;
  k.uplink.report_spool_depth([&depth] { return depth; });
  k.run([&](auto done) { k.uplink.hello(done); });
  depth = 37;
  CHECK(k.run([&](auto done) { k.uplink.post_tap(t, done); }).status == 201);
  depth = 36;
  k.run([&](auto done) { k.uplink.hello(done); });
  const auto seen = k.box.seen();
  REQUIRE(seen.size() == 4);
  CHECK(seen[1].has_spool_depth);
  CHECK(seen[1].spool_depth == "0");
  CHECK(seen[2].target == "/api/v1/taps");
  CHECK(seen[2].spool_depth == "37");  // read when the request is made, not when the reporter was set
  CHECK(seen[3].spool_depth == "36");
  // The diary of a hall kiosk's pupil never carries it.
  k.run([&](auto done) { k.uplink.hall_diary({"E37A5C1D", "", "1111", ""}, done); });
  CHECK_FALSE(k.box.seen().at(4).has_spool_depth);
}

TEST_CASE("the box's refusals arrive with their code, a dead box as unreachable") {
  Rig k;
  k.box.handle([](const SeenRequest&) {
    return TestAnswer{403, R"({"error":{"code":"wrong_pin","message":"wrong PIN","attempts_left":2}})"};
  });
  auto r = k.run([&](auto done) { k.uplink.hall_diary({"E37A5C1D", "", "1111", ""}, done); });
  CHECK(r.kind == Reply::Kind::refused);
  CHECK(r.code == "wrong_pin");
  CHECK(attempts_left(r.body) == 2);
  CHECK(k.box.seen()[0].target == "/api/v1/kiosk/diary");
  CHECK(json::parse(k.box.seen()[0].body).at("pin").as_string() == "1111");

  k.box.handle([](const SeenRequest&) { return TestAnswer{503, R"({"error":{"code":"unavailable","message":"busy"}})"}; });
  CHECK(k.run([&](auto done) { k.uplink.hello(done); }).kind == Reply::Kind::server_error);

  k.box.stop();
  auto gone = k.run([&](auto done) { k.uplink.hello(done); });
  CHECK(gone.kind == Reply::Kind::unreachable);
  CHECK_FALSE(gone.message.empty());
}

TEST_CASE("the extract is POSTed like the diary and comes back as a PDF with the prints left") {
  Rig k;
  k.box.handle([](const SeenRequest&) {
    return TestAnswer{200, "%PDF-1.7\n%fake extract\n", "application/pdf", {{"Classbook-Prints-Left", "2"}}};
  });
  auto r = k.run([&](auto done) { k.uplink.hall_extract({"", "classbook:card:E37A5C1D", "2580", "2026-W48"}, done); });
  REQUIRE(r.kind == Reply::Kind::answered);
  CHECK(r.header("content-type") == "application/pdf");
  auto extract = read_extract_answer(r);
  REQUIRE(extract);
  CHECK(extract->pdf == "%PDF-1.7\n%fake extract\n");
  CHECK(extract->prints_left == 2);
  const auto seen = k.box.seen().at(0);
  CHECK(seen.method == "POST");
  CHECK(seen.target == "/api/v1/kiosk/diary-extract");
  CHECK(seen.accept.find("application/pdf") != std::string::npos);
  auto body = json::parse(seen.body).as_object();
  CHECK(body.at("qr").as_string() == "classbook:card:E37A5C1D");
  CHECK(body.at("pin").as_string() == "2580");
  CHECK(body.at("week").as_string() == "2026-W48");
  CHECK_FALSE(body.contains("card"));
}

TEST_CASE("the extract's refusals are the diary's, and print_limit") {
  Rig k;
  k.box.handle([](const SeenRequest&) {
    return TestAnswer{429, R"({"error":{"code":"print_limit","kind":"throttled","message":"used up"}})"};
  });
  auto r = k.run([&](auto done) { k.uplink.hall_extract({"E37A5C1D", "", "2580", ""}, done); });
  CHECK(r.kind == Reply::Kind::refused);
  CHECK(r.status == 429);
  CHECK(r.code == "print_limit");
  CHECK_FALSE(read_extract_answer(r));
}

TEST_CASE("the extract may take longer than request_timeout: the box renders it") {
  Rig k;  // request_timeout 2 s
  k.box.delay_ms = 2500;
  k.box.handle([](const SeenRequest&) { return TestAnswer{200, "%PDF-1.7\n", "application/pdf", {}}; });
  auto r = k.run([&](auto done) { k.uplink.hall_extract({"E37A5C1D", "", "2580", ""}, done); });
  CHECK(r.kind == Reply::Kind::answered);
  k.box.delay_ms = 0;
}

TEST_CASE("an answer that is not a PDF is not taken for the extract") {
  Rig k;
  k.box.handle([](const SeenRequest&) { return TestAnswer{200, "<html>proxy</html>", "text/html", {}}; });
  auto r = k.run([&](auto done) { k.uplink.hall_extract({"E37A5C1D", "", "2580", ""}, done); });
  CHECK(r.kind == Reply::Kind::answered);
  auto e = read_extract_answer(r);
  REQUIRE_FALSE(e);
  CHECK(std::string(e.error().id.c_str()) == "uplink.answer_not_understood");
}
