// ccid: message bytes against USB CCID 1.1 and the ACR122U API, replies from the research doc.
#include <catch2/catch.hpp>

#include "drivers/card/ccid.hpp"

using namespace classbook::drivers;
using namespace classbook::drivers::ccid;
using B = Bytes;

TEST_CASE("ccid: PC_to_RDR headers — type, dwLength LE, slot, seq, message bytes") {
  CHECK(icc_power_on(0, 7) == B{0x62, 0, 0, 0, 0, 0, 7, 0x01, 0, 0});
  CHECK(icc_power_on(1, 8, 0x00) == B{0x62, 0, 0, 0, 0, 1, 8, 0x00, 0, 0});
  CHECK(icc_power_off(0, 9) == B{0x63, 0, 0, 0, 0, 0, 9, 0, 0, 0});
  CHECK(get_slot_status(0, 0xFF) == B{0x65, 0, 0, 0, 0, 0, 0xFF, 0, 0, 0});
  const B get_uid = apdu_get_uid();
  CHECK(xfr_block(0, 3, get_uid) == B{0x6F, 5, 0, 0, 0, 0, 3, 0, 0, 0, 0xFF, 0xCA, 0x00, 0x00, 0x00});
  CHECK(escape(0, 4, apdu_stop_auto_polling()) == B{0x6B, 5, 0, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0x00, 0x51, 0x00, 0x00});
  const B big(300, 0xAB);
  const auto m = xfr_block(0, 1, big);
  CHECK(m.size() == header_size + 300);
  CHECK(m[1] == 0x2C);  // 300 = 0x012C, little-endian
  CHECK(m[2] == 0x01);
}

TEST_CASE("ccid: ACR122U pseudo-APDUs") {
  CHECK(apdu_get_uid() == B{0xFF, 0xCA, 0x00, 0x00, 0x00});
  CHECK(apdu_stop_auto_polling() == B{0xFF, 0x00, 0x51, 0x00, 0x00});
  CHECK(apdu_set_max_retries() == B{0xFF, 0x00, 0x00, 0x00, 0x06, 0xD4, 0x32, 0x05, 0x00, 0x01, 0x02});
  CHECK(apdu_list_passive_target() == B{0xFF, 0x00, 0x00, 0x00, 0x04, 0xD4, 0x4A, 0x01, 0x00});
  CHECK(apdu_get_response(0x0E) == B{0xFF, 0xC0, 0x00, 0x00, 0x0E});
  const B frame{0xD4, 0x02};
  CHECK(apdu_pn532(frame) == B{0xFF, 0x00, 0x00, 0x00, 0x02, 0xD4, 0x02});
}

TEST_CASE("ccid: LED/buzzer P2 from the manual's bits") {
  // P2: bit0/1 final red/green, bit2/3 red/green state mask, bit4/5 initial red/green blink state,
  // bit6/7 red/green blink mask. Green for 300 ms with a beep: green blinks (mask 0x80) starting on
  // (0x20), both final states updated (0x0C) to off.
  CHECK(apdu_led_buzzer(false, true, 3, 0, 1, true) == B{0xFF, 0x00, 0x40, 0xAC, 0x04, 0x03, 0x00, 0x01, 0x01});
  CHECK(apdu_led_buzzer(true, false, 2, 1, 2, false) == B{0xFF, 0x00, 0x40, 0x5C, 0x04, 0x02, 0x01, 0x02, 0x00});
  CHECK(apdu_led_buzzer(true, true, 10, 0, 1, false)[3] == 0xFC);
  // No light: P2 = 0, "buzzer only" in the manual.
  CHECK(apdu_led_buzzer(false, false, 1, 0, 1, true) == B{0xFF, 0x00, 0x40, 0x00, 0x04, 0x01, 0x00, 0x01, 0x01});
  // Out-of-range values are clamped, and at least one repetition (else the reader does nothing).
  CHECK(apdu_led_buzzer(false, true, 1000, -5, 0, false) == B{0xFF, 0x00, 0x40, 0xAC, 0x04, 0xFF, 0x00, 0x01, 0x00});
  // A profile step: 250 ms rounds up to 3 units of 100 ms.
  CHECK(apdu_signal(Signal{false, true, true, std::chrono::milliseconds(250)}) ==
        B{0xFF, 0x00, 0x40, 0xAC, 0x04, 0x03, 0x00, 0x01, 0x01});
}

TEST_CASE("ccid: the fake ACR122U's data block reply carries UID E37A5C1D and 90 00") {
  const B reply{0x80, 0x06, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xE3, 0x7A, 0x5C, 0x1D, 0x90, 0x00};
  auto r = parse_reply(reply);
  REQUIRE(r);
  CHECK(r->type == 0x80);
  CHECK(r->seq == 2);
  CHECK(r->icc == IccStatus::active);
  CHECK(r->command == CommandStatus::ok);
  auto resp = split_response(r->data);
  REQUIRE(resp);
  CHECK(resp->sw == 0x9000);
  CHECK(card_from_bytes(resp->data, ByteOrder::as_read, CardTech::iso14443a) == CardId{"E37A5C1D", CardTech::iso14443a});
}

TEST_CASE("ccid: every bStatus field, and broken replies with what is wrong") {
  auto status = [](std::uint8_t s, std::uint8_t err = 0) {
    return parse_reply(B{0x81, 0, 0, 0, 0, 0, 1, s, err, 0});
  };
  CHECK(status(0x00)->icc == IccStatus::active);
  CHECK(status(0x01)->icc == IccStatus::inactive);
  CHECK(status(0x02)->icc == IccStatus::absent);
  CHECK(status(0x42, 0xFE)->command == CommandStatus::failed);
  CHECK(status(0x42, 0xFE)->error == 0xFE);
  CHECK(status(0x80)->command == CommandStatus::time_extension);
  CHECK(status(0x03).error().message == "CCID reply bStatus 0x03 has the reserved ICC status 3");
  CHECK(status(0xC0).error().message == "CCID reply bStatus 0xC0 has the reserved command status 3");
  // ACR122U quirk: bError 0x81 with a good bStatus is not a failure (judge by bStatus).
  CHECK(status(0x00, 0x81)->command == CommandStatus::ok);

  CHECK(parse_reply(B{0x80, 0, 0}).error().message == "CCID reply of 3 bytes is shorter than its 10-byte header");
  CHECK(parse_reply(B{0x62, 0, 0, 0, 0, 0, 0, 0, 0, 0}).error().message ==
        "CCID message type 0x62 is not a reader-to-host reply (0x80..0x84)");
  CHECK(parse_reply(B{0x80, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0x90, 0x00}).error().message ==
        "CCID reply says 4 data bytes (dwLength) but carries 2");
  CHECK(parse_reply(B{0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x90}).error().message ==
        "CCID reply says 0 data bytes (dwLength) but carries 1");
  CHECK(parse_reply(B{0x80, 0x01, 0x00, 0x01, 0x00, 0, 0, 0, 0, 0}).error().message ==
        "CCID reply claims 65537 data bytes, above the 65536 any reader sends");
  CHECK(parse_reply(B{0x80, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0}).error().message.find("4294967295") != std::string::npos);
}

TEST_CASE("ccid: NotifySlotChange for slot 0") {
  auto arrived = parse_notify_slot_change(B{0x50, 0x03});
  REQUIRE(arrived);
  CHECK(arrived->present);
  CHECK(arrived->changed);
  auto left = parse_notify_slot_change(B{0x50, 0x02});
  REQUIRE(left);
  CHECK_FALSE(left->present);
  CHECK(left->changed);
  CHECK_FALSE(parse_notify_slot_change(B{0x51, 0x00, 0x01, 0x02}));  // HardwareError
  CHECK_FALSE(parse_notify_slot_change(B{0x50}));
  CHECK_FALSE(parse_notify_slot_change(B{}));
}

TEST_CASE("ccid: split_response and InListPassiveTarget replies") {
  CHECK(split_response(B{0x90}).error().message == "R-APDU of 1 bytes has no status word");
  auto sw = split_response(B{0x61, 0x0E});
  REQUIRE(sw);
  CHECK(sw->data.empty());
  CHECK(sw->sw == 0x610E);

  // ACS manual: D5 4B 01 01 00 08 28 04 85 82 2F A0 ... (ATS follows) → UID 85 82 2F A0.
  const B found{0xD5, 0x4B, 0x01, 0x01, 0x00, 0x08, 0x28, 0x04, 0x85, 0x82, 0x2F, 0xA0, 0x06, 0x75, 0x77, 0x81, 0x02, 0x80};
  auto uid = parse_list_passive_target(found);
  REQUIRE(uid);
  REQUIRE(uid->has_value());
  CHECK(**uid == B{0x85, 0x82, 0x2F, 0xA0});
  const B seven{0xD5, 0x4B, 0x01, 0x01, 0x00, 0x44, 0x00, 0x07, 0x04, 0xA2, 0x3B, 0x9C, 0x5D, 0x6E, 0x80};
  CHECK(card_from_bytes(**parse_list_passive_target(seven), ByteOrder::as_read, CardTech::iso14443a).hex == "04A23B9C5D6E80");

  auto none = parse_list_passive_target(B{0xD5, 0x4B, 0x00});
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  CHECK(parse_list_passive_target(B{0xD5, 0x4B}).error().message.find("not an InListPassiveTarget reply") == 0);
  CHECK(parse_list_passive_target(B{0xD5, 0x45, 0x00}).error().message.find("not an InListPassiveTarget reply") == 0);
  CHECK(parse_list_passive_target(B{0xD5, 0x4B, 0x03}).error().message ==
        "InListPassiveTarget reply claims 3 targets; a PN532 finds at most 2");
  CHECK(parse_list_passive_target(B{0xD5, 0x4B, 0x01, 0x01, 0x00}).error().message ==
        "InListPassiveTarget reply with a target is cut short at 5 bytes");
  CHECK(parse_list_passive_target(B{0xD5, 0x4B, 0x01, 0x01, 0x00, 0x04, 0x08, 0x05, 1, 2, 3, 4, 5}).error().message ==
        "InListPassiveTarget reply gives a 5-byte UID; ISO 14443A UIDs have 4, 7 or 10");
  CHECK(parse_list_passive_target(B{0xD5, 0x4B, 0x01, 0x01, 0x00, 0x04, 0x08, 0x04, 0x85, 0x82}).error().message ==
        "InListPassiveTarget reply ends inside the UID (2 of 4 bytes)");
}
