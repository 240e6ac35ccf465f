// protocol_test: the kiosk's reading of the box's answers and the bodies it sends.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "kiosk/core/local_time.hpp"
#include "kiosk/core/protocol.hpp"

using namespace classbook;
using namespace classbook::kiosk;
namespace json = boost::json;

TEST_CASE("replies are classified by status, with the server's error code and message") {
  auto ok = reply_from_http(201, "{}");
  CHECK(ok.kind == Reply::Kind::answered);
  auto refused = reply_from_http(403, R"({"error":{"code":"wrong_pin","message":"wrong PIN","attempts_left":2}})");
  CHECK(refused.kind == Reply::Kind::refused);
  CHECK(refused.code == "wrong_pin");
  CHECK(refused.message == "wrong PIN");
  CHECK(attempts_left(refused.body) == 2);
  auto failing = reply_from_http(503, "not json");
  CHECK(failing.kind == Reply::Kind::server_error);
  CHECK(failing.message == "the server answered HTTP 503");
  CHECK(reached_server(failing));
  CHECK_FALSE(reached_server(unreachable_reply("connect: refused")));
}

TEST_CASE("a revoked or unenrolled kiosk is told apart from other refusals") {
  CHECK(kiosk_not_authorised(reply_from_http(401, R"({"error":{"code":"kiosk_revoked","message":"m"}})")));
  CHECK(kiosk_not_authorised(reply_from_http(401, R"({"error":{"code":"kiosk_certificate_required","message":"m"}})")));
  CHECK_FALSE(kiosk_not_authorised(reply_from_http(404, R"({"error":{"code":"unknown_card","message":"m"}})")));
  CHECK_FALSE(kiosk_not_authorised(reply_from_http(500, "")));
}

TEST_CASE("hello gives the school and its UTC offset") {
  auto h = read_hello(R"({"kiosk":{"id":"1","name":"Main entrance","mode":"entrance"},"school":"School 5",
                         "server_time":"2026-11-30T05:00:00.000Z","utc_offset":"-05:30"})");
  REQUIRE(h);
  CHECK(h->kiosk_name == "Main entrance");
  CHECK(h->mode == "entrance");
  CHECK(h->school == "School 5");
  CHECK(h->utc_offset_minutes == -330);
  auto minutes = read_hello(R"({"school":{"name":"School 7"},"utc_offset":180})");
  REQUIRE(minutes);
  CHECK(minutes->school == "School 7");
  CHECK(minutes->utc_offset_minutes == 180);
  auto bad = read_hello(R"({"utc_offset":"3 hours"})");
  REQUIRE(bad);
  CHECK_FALSE(bad->utc_offset_minutes);
  CHECK_FALSE(read_hello("<html>"));
}

TEST_CASE("a tap's body carries the spool's tap_id and the configured direction") {
  SpooledTap t{7, "0b6f3a52-6f7c-4f0e-9a51-1c1d2e3f4a5b", {"E37A5C1D", "simulated", "2026-11-30T05:12:00.000Z", Direction::in}, 0};
  auto v = json::parse(tap_body(t)).as_object();
  CHECK(v.at("tap_id").as_string() == t.tap_id);
  CHECK(v.at("card").as_string() == "E37A5C1D");
  CHECK(v.at("reader").as_string() == "simulated");
  CHECK(v.at("at").as_string() == "2026-11-30T05:12:00.000Z");
  CHECK(v.at("direction").as_string() == "in");
}

TEST_CASE("tap answers: in, out, unknown card, and a replay's original result") {
  auto in = read_tap_answer(R"({"result":"in","at":"2026-11-30T05:12:00.000Z","student":{"name":"Anna","class":"5A"}})");
  REQUIRE(in);
  CHECK(in->result == "in");
  CHECK_FALSE(in->duplicate);
  CHECK(in->name == "Anna");
  CHECK(in->class_name == "5A");
  auto unknown = read_tap_answer(R"({"result":"unknown_card","at":"x","anomaly":"unknown_cards"})");
  REQUIRE(unknown);
  CHECK(unknown->result == "unknown_card");
  CHECK(unknown->anomaly == "unknown_cards");
  auto dup = read_tap_answer(R"({"result":"duplicate","original":"out","student":{"name":"Anna","class":"5A"}})");
  REQUIRE(dup);
  CHECK(dup->duplicate);
  CHECK(dup->result == "out");
  auto dup_without_original = read_tap_answer(R"({"result":"duplicate","student":{"name":"Anna","class":"5A"}})");
  REQUIRE(dup_without_original);
  CHECK(dup_without_original->result == "in");
  CHECK_FALSE(read_tap_answer(R"({"result":"sideways"})"));
  CHECK_FALSE(read_tap_answer("[]"));
}

TEST_CASE("tap answers: the office's desk reader, also as a replay's original, and other words stay garbled") {
  auto desk = read_tap_answer(R"({"result":"desk","at":"2026-11-30T05:12:00.000Z"})");
  REQUIRE(desk);
  CHECK(desk->result == "desk");
  CHECK_FALSE(desk->duplicate);
  CHECK(desk->at == "2026-11-30T05:12:00.000Z");
  CHECK(desk->name.empty());
  auto dup = read_tap_answer(R"({"result":"duplicate","original":"desk","at":"2026-11-30T05:12:00.000Z"})");
  REQUIRE(dup);
  CHECK(dup->duplicate);
  CHECK(dup->result == "desk");
  for (const char* body : {R"({"result":"Desk"})", R"({"result":"desks"})", R"({"result":"office"})",
                           R"({"result":"duplicate","original":"desk2"})", R"({"result":["desk"]})", R"("desk")"}) {
    CAPTURE(body);
    const auto garbage = read_tap_answer(body);
    REQUIRE_FALSE(garbage);
    CHECK(garbage.error().id.view() == "uplink.answer_not_understood");
  }
}

TEST_CASE("diary requests and answers") {
  auto body = json::parse(diary_body({"E37A5C1D", "", "2580", "2026-W49"})).as_object();
  CHECK(body.at("card").as_string() == "E37A5C1D");
  CHECK(body.at("pin").as_string() == "2580");
  CHECK(body.at("week").as_string() == "2026-W49");
  CHECK_FALSE(body.contains("qr"));
  auto by_qr = json::parse(diary_body({"", "classbook:card:E37A5C1D", "2580", ""})).as_object();
  CHECK(by_qr.at("qr").as_string() == "classbook:card:E37A5C1D");
  CHECK_FALSE(by_qr.contains("card"));
  CHECK_FALSE(by_qr.contains("week"));

  auto d = read_diary_answer(R"({"student":{"id":"s","name":"Anna","class":"5A"},"week":"2026-W49","diary":{"days":[1,2]}})");
  REQUIRE(d);
  CHECK(d->name == "Anna");
  CHECK(d->week == "2026-W49");
  CHECK(json::parse(d->diary_json) == json::parse(R"({"days":[1,2]})"));
  CHECK_FALSE(read_diary_answer(R"({"week":"2026-W49"})"));
  CHECK(locked_until(R"({"error":{"code":"pin_locked","message":"m","locked_until":"2026-11-30T05:30:00.000Z"}})") ==
        "2026-11-30T05:30:00.000Z");
  CHECK(attempts_left("{}") == -1);
}

TEST_CASE("enrolment answers need the certificate and the CA") {
  auto e = read_enrol_answer(R"({"kiosk":{"id":"1","name":"Hall","mode":"hall"},"certificate":"C","ca":"A","school":"S"})");
  REQUIRE(e);
  CHECK(e->kiosk_name == "Hall");
  CHECK(e->mode == "hall");
  CHECK(e->certificate == "C");
  CHECK(e->ca == "A");
  CHECK_FALSE(read_enrol_answer(R"({"kiosk":{}})"));
  auto b = json::parse(enrol_body("7KQ2-9XHM-3PLA", "CSR")).as_object();
  CHECK(b.at("code").as_string() == "7KQ2-9XHM-3PLA");
  CHECK(b.at("csr").as_string() == "CSR");
}

TEST_CASE("local time of the school from UTC and the offset") {
  TimePoint t;
  REQUIRE(parse_utc("2026-11-30T05:12:40.000Z", t));
  CHECK(local_hhmm(t, 180) == "08:12");
  CHECK(local_hhmm(t, -330) == "23:42");
  CHECK(local_hhmm(t, 0) == "05:12");
  CHECK(local_hhmm("2026-11-30T22:05:00.000Z", 180) == "01:05");
  CHECK(local_hhmm("yesterday", 180).empty());
}

TEST_CASE("ISO weeks step across year ends") {
  CHECK(step_iso_week("2026-W48", 1) == "2026-W49");
  CHECK(step_iso_week("2026-W52", 1) == "2026-W53");  // 2026 has 53 ISO weeks
  CHECK(step_iso_week("2026-W53", 1) == "2027-W01");
  CHECK(step_iso_week("2027-W01", -1) == "2026-W53");
  CHECK(step_iso_week("2027-W52", 1) == "2028-W01");
  CHECK(step_iso_week("2025-W01", -1) == "2024-W52");
  CHECK(step_iso_week("2026-48", 1).empty());
  CHECK(step_iso_week("2026-W00", 1).empty());
  CHECK(step_iso_week("2026-W4x", 1).empty());
}
