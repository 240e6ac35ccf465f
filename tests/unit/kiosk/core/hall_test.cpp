// hall_test: a hall kiosk's PIN and diary session, its every answer, and the PIN's short life.
#include <catch2/catch.hpp>

#include "kiosk_rig.hpp"

using namespace classbook;
using namespace classbook::kiosk;
using namespace classbook::kiosk::test;
using namespace std::chrono_literals;

namespace {

Reply diary_ok(const std::string& week = "2026-W49") {
  return reply_from_http(200, R"({"student":{"id":"s1","name":"Anna Petrova","class":"5A"},"week":")" + week +
                                  R"(","diary":{"week":")" + week + R"(","days":[]}})");
}

struct HallRig : KioskRig {
  HallRig() : KioskRig(test_config(Mode::hall)) { start_online(); }
  void type(const std::string& digits) {
    for (char c : digits) logic->pin_digit(c - '0');
  }
};

}  // namespace

TEST_CASE("card, PIN, diary") {
  HallRig k;
  CHECK(k.shown().mode == Mode::hall);
  k.card("E37A5C1D");
  CHECK(k.banner() == Banner::enter_pin);
  CHECK(k.shown().pin_length == 0);
  k.type("25");
  CHECK(k.shown().pin_length == 2);
  k.logic->pin_submit();  // too short: nothing is sent
  CHECK(k.uplink.count("diary") == 0);
  k.type("81");
  k.logic->pin_erase();
  k.type("0");
  CHECK(k.shown().pin_length == 4);
  k.logic->pin_submit();
  const auto* asked = k.uplink.first("diary");
  REQUIRE(asked);
  CHECK(asked->diary.card == "E37A5C1D");
  CHECK(asked->diary.qr.empty());
  CHECK(asked->diary.pin == "2580");
  CHECK(asked->diary.week.empty());

  k.uplink.answer("diary", diary_ok());
  CHECK(k.banner() == Banner::diary);
  CHECK(k.shown().person == "Anna Petrova");
  CHECK(k.shown().class_name == "5A");
  CHECK(k.shown().week == "2026-W49");
  CHECK(k.shown().diary_json.find("\"days\"") != std::string::npos);
  CHECK(k.shown().pin_length == 0);
  CHECK(k.feedback.last() == drivers::Feedback::accepted);
}

TEST_CASE("the PIN pad takes at most six digits and only digits") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("12345678");
  k.logic->pin_digit(10);
  k.logic->pin_digit(-1);
  CHECK(k.shown().pin_length == pin_max_digits);
  k.logic->pin_submit();
  REQUIRE(k.uplink.first("diary"));
  CHECK(k.uplink.first("diary")->diary.pin == "123456");
}

TEST_CASE("week steps ask again with the same card and PIN") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("2580");
  k.logic->pin_submit();
  k.uplink.answer("diary", diary_ok("2026-W53"));
  k.logic->week_step(+1);
  REQUIRE(k.uplink.first("diary"));
  CHECK(k.uplink.first("diary")->diary.week == "2027-W01");
  CHECK(k.uplink.first("diary")->diary.pin == "2580");
  k.logic->week_step(+1);  // one request at a time
  CHECK(k.uplink.count("diary") == 1);
  k.uplink.answer("diary", diary_ok("2027-W01"));
  CHECK(k.shown().week == "2027-W01");
  k.logic->week_step(-1);
  CHECK(k.uplink.first("diary")->diary.week == "2026-W53");
}

TEST_CASE("a wrong PIN shows the attempts left and the pad starts over") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("1111");
  k.logic->pin_submit();
  k.uplink.answer("diary", error_reply(403, "wrong_pin", "wrong PIN", R"(,"attempts_left":3)"));
  CHECK(k.banner() == Banner::wrong_pin);
  CHECK(k.shown().attempts_left == 3);
  CHECK(k.feedback.last() == drivers::Feedback::error);
  k.type("2");
  CHECK(k.banner() == Banner::enter_pin);
  CHECK(k.shown().pin_length == 1);
  k.type("580");
  k.logic->pin_submit();
  CHECK(k.uplink.first("diary")->diary.pin == "2580");
  CHECK(k.uplink.first("diary")->diary.card == "E37A5C1D");
}

TEST_CASE("locked, no PIN, unknown card and errors end the session after a notice") {
  HallRig k;
  SECTION("locked: until when, in school time") {
    k.card("E37A5C1D");
    k.type("1111");
    k.logic->pin_submit();
    k.uplink.answer("diary", error_reply(423, "pin_locked", "too many wrong PINs",
                                         R"(,"locked_until":"2026-11-30T05:27:00.000Z")"));
    CHECK(k.banner() == Banner::pin_locked);
    CHECK(k.shown().detail == "08:27");
  }
  SECTION("no PIN set") {
    k.card("E37A5C1D");
    k.type("1111");
    k.logic->pin_submit();
    k.uplink.answer("diary", error_reply(409, "no_pin", "set a kiosk PIN in the web diary first"));
    CHECK(k.banner() == Banner::no_pin);
  }
  SECTION("unknown card") {
    k.card("E37A5C1D");
    k.type("1111");
    k.logic->pin_submit();
    k.uplink.answer("diary", error_reply(404, "unknown_card", "no pupil has this card"));
    CHECK(k.banner() == Banner::unknown_card);
    CHECK(k.feedback.last() == drivers::Feedback::unknown);
  }
  SECTION("box unreachable") {
    k.card("E37A5C1D");
    k.type("1111");
    k.logic->pin_submit();
    k.uplink.answer("diary", unreachable_reply("connect: timed out"));
    CHECK(k.banner() == Banner::error);
    CHECK(k.shown().detail == "connect: timed out");
    CHECK_FALSE(k.shown().server_reachable);
  }
  SECTION("an entrance kiosk's refusal") {
    k.card("E37A5C1D");
    k.type("1111");
    k.logic->pin_submit();
    k.uplink.answer("diary", error_reply(403, "forbidden", "only hall kiosks show diaries"));
    CHECK(k.banner() == Banner::error);
    CHECK(k.shown().detail == "only hall kiosks show diaries");
  }
  // The session is over: digits do nothing, and the notice gives way to idle.
  k.type("1234");
  CHECK(k.shown().pin_length == 0);
  k.logic->pin_submit();
  CHECK(k.uplink.count("diary") == 0);
  k.advance(k.config.timing.hall_notice);
  CHECK(k.banner() == Banner::idle);
}

TEST_CASE("a pupil's QR code starts a session, other codes do not") {
  HallRig k;
  k.logic->on_code({"camera", "QRCode", "https://example.org", k.clock.now()});
  CHECK(k.banner() == Banner::idle);
  k.logic->on_code({"camera", "QRCode", "classbook:card:", k.clock.now()});
  CHECK(k.banner() == Banner::idle);
  k.logic->on_code({"camera", "QRCode", "classbook:card:E37A5C1D", k.clock.now()});
  CHECK(k.banner() == Banner::enter_pin);
  k.type("2580");
  k.logic->pin_submit();
  REQUIRE(k.uplink.first("diary"));
  CHECK(k.uplink.first("diary")->diary.qr == "classbook:card:E37A5C1D");
  CHECK(k.uplink.first("diary")->diary.card.empty());
}

TEST_CASE("idle after hall_idle without a touch, every touch restarts the wait") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("2580");
  k.logic->pin_submit();
  k.uplink.answer("diary", diary_ok());
  k.advance(k.config.timing.hall_idle - 1s);
  CHECK(k.banner() == Banner::diary);
  k.logic->week_step(-1);
  k.uplink.answer("diary", diary_ok("2026-W48"));
  k.advance(k.config.timing.hall_idle - 1s);
  CHECK(k.banner() == Banner::diary);
  k.advance(1s);
  CHECK(k.banner() == Banner::idle);
  CHECK(k.shown().diary_json.empty());
  k.logic->week_step(-1);  // the session and its PIN are gone
  CHECK(k.uplink.count("diary") == 0);
}

TEST_CASE("a PIN typed and left is wiped at the idle time-out") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("25");
  k.advance(k.config.timing.hall_idle);
  CHECK(k.banner() == Banner::idle);
  k.type("80");
  k.logic->pin_submit();
  CHECK(k.uplink.count("diary") == 0);
  CHECK(k.shown().pin_length == 0);
}

TEST_CASE("done ends the session, a late answer to it is dropped") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("2580");
  k.logic->pin_submit();
  k.logic->done();
  CHECK(k.banner() == Banner::idle);
  k.uplink.answer("diary", diary_ok());
  CHECK(k.banner() == Banner::idle);
  CHECK(k.shown().diary_json.empty());
}

TEST_CASE("a new card during a session starts a new one") {
  HallRig k;
  k.card("E37A5C1D");
  k.type("25");
  k.card("AAAA0001");
  CHECK(k.banner() == Banner::enter_pin);
  CHECK(k.shown().pin_length == 0);
  k.type("1357");
  k.logic->pin_submit();
  CHECK(k.uplink.first("diary")->diary.card == "AAAA0001");
}

TEST_CASE("a hall kiosk keeps no spool and sends no taps") {
  HallRig k;
  k.card("E37A5C1D");
  CHECK(k.uplink.count("tap") == 0);
  CHECK(k.shown().spool_depth == 0);
}
