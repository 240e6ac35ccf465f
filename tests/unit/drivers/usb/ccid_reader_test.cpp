// ccid_reader_test: the ACR122U end to end — UsbReaders on real libusb, an emulated ACR122U with
// the shipped profile: a card on the reader is one read, LED/buzzer feedback, both CCID modes.
#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "acr122u_device.hpp"
#include "drivers/usb/usb_readers.hpp"
#include "recording_sink.hpp"
#include "shipped_profiles.hpp"
#include "usb_test_support.hpp"

using namespace classbook;
using namespace classbook::test::usb;
using drivers::ReaderState;
using namespace std::chrono_literals;

namespace {

const std::string acr122u = "acs-acr122u.conf";
const Bytes uid_a{0xE3, 0x7A, 0x5C, 0x1D};
const Bytes uid_b{0x04, 0xA2, 0x3B, 0x9C, 0x5D, 0x6E, 0x80};

// The shipped profile, polling faster so the tests are short.
drivers::ReaderProfile fast_acr122u(drivers::CcidMode mode = drivers::CcidMode::pn532_direct) {
  auto p = shipped_profile(acr122u);
  p.poll_interval = 20ms;
  p.debounce = 300ms;
  p.ccid_mode = mode;
  return p;
}

struct Rig {
  UsbTestbed bed;
  std::shared_ptr<Acr122uDevice> reader = std::make_shared<Acr122uDevice>();
  std::string name;
  SystemClock clock;
  RecordingSink sink;
  drivers::usb::UsbReaders readers;

  explicit Rig(drivers::ReaderProfile profile) : readers({profile}, clock) {
    name = reader_name(acr122u, bed.plug(reader));
    REQUIRE(readers.start(sink).ok());
    REQUIRE(sink.wait_state(name, ReaderState::ready));
  }
  // Waits until the reader has been polled `n` more times.
  bool polls(int n) {
    const int seen = reader->messages(0x6F);
    return eventually([&] { return reader->messages(0x6F) >= seen + n; });
  }
};

}  // namespace

TEST_CASE("ccid: a card placed on the ACR122U is one read however long it stays, and again after it left") {
  require_umockdev();
  Rig rig(fast_acr122u());
  CHECK(eventually([&] { return rig.reader->auto_polling_stopped(); }));
  CHECK(rig.reader->messages(0x62) >= 1);  // IccPowerOn first, as libnfc does
  REQUIRE(rig.polls(2));
  CHECK(rig.sink.cards().empty());

  rig.reader->place_card(uid_a);
  REQUIRE(rig.sink.wait_cards(1));
  const auto read = rig.sink.cards().at(0);
  CHECK(read.reader == rig.name);
  CHECK(read.card.hex == "E37A5C1D");
  CHECK(read.card.tech == drivers::CardTech::iso14443a);
  REQUIRE(rig.polls(20));  // 20 more polls with the card lying there: ~400 ms, past the debounce window
  CHECK(rig.sink.cards().size() == 1);

  rig.reader->remove_card();
  REQUIRE(rig.polls(2));
  rig.reader->place_card(uid_b);  // another card at once
  REQUIRE(rig.sink.wait_cards(2));
  CHECK(rig.sink.cards().at(1).card.hex == "04A23B9C5D6E80");
  rig.reader->remove_card();
  REQUIRE(rig.polls(20));
  rig.reader->place_card(uid_a);  // the first card back, long after its window
  REQUIRE(rig.sink.wait_cards(3));
  CHECK(rig.sink.cards().at(2).card.hex == "E37A5C1D");
  rig.readers.stop();
}

TEST_CASE("ccid: feedback plays the profile's LED/buzzer pattern on the reader") {
  require_umockdev();
  Rig rig(fast_acr122u());
  rig.readers.feedback(rig.name, drivers::Feedback::accepted);  // accepted = green 300 beep
  REQUIRE(eventually([&] { return rig.reader->led_buzzer_commands().size() == 1; }));
  auto led = rig.reader->led_buzzer_commands();
  CHECK(led[0].green_lit());
  CHECK_FALSE(led[0].red_lit());
  CHECK(led[0].beeps());
  CHECK(led[0].t1_ms() == 300);
  CHECK_FALSE(led[0].via_escape);

  // unknown = red 200 beep, off 100, red 200 beep: three steps, paced by their durations
  const auto started = std::chrono::steady_clock::now();
  rig.readers.feedback(rig.name, drivers::Feedback::unknown);
  REQUIRE(eventually([&] { return rig.reader->led_buzzer_commands().size() == 4; }));
  CHECK(std::chrono::steady_clock::now() - started >= 290ms);  // 200 + 100 ms, less the clock's ms rounding
  led = rig.reader->led_buzzer_commands();
  CHECK((led[1].red_lit() && !led[1].green_lit() && led[1].beeps() && led[1].t1_ms() == 200));
  CHECK((!led[2].red_lit() && !led[2].green_lit() && !led[2].beeps()));
  CHECK((led[3].red_lit() && led[3].beeps()));

  rig.readers.feedback("no-such-reader@9-9", drivers::Feedback::accepted);  // ignored
  rig.reader->place_card(uid_a);  // polling carries on after the pattern
  REQUIRE(rig.sink.wait_cards(1));
  rig.readers.stop();
}

TEST_CASE("ccid: pcsc_getdata mode reads the UID with GET DATA and signals through Escape") {
  require_umockdev();
  Rig rig(fast_acr122u(drivers::CcidMode::pcsc_getdata));
  const int xfr_before = rig.reader->messages(0x6F);
  REQUIRE(eventually([&] { return rig.reader->messages(0x65) >= 3; }));  // GetSlotStatus polls
  CHECK(rig.reader->messages(0x6F) == xfr_before);  // no PN532 commands in this mode
  rig.reader->place_card(uid_a);
  REQUIRE(rig.sink.wait_cards(1));
  CHECK(rig.sink.cards().at(0).card.hex == "E37A5C1D");
  const auto apdus = rig.reader->apdus();
  REQUIRE_FALSE(apdus.empty());
  CHECK(to_hex(apdus.back()) == "FFCA000000");
  const int polls = rig.reader->messages(0x65);
  REQUIRE(eventually([&] { return rig.reader->messages(0x65) >= polls + 10; }));
  CHECK(rig.sink.cards().size() == 1);  // still lying there: no new read

  rig.readers.feedback(rig.name, drivers::Feedback::offline);  // red 500, off 100, green 300
  REQUIRE(eventually([&] { return rig.reader->led_buzzer_commands().size() == 1; }));
  CHECK(rig.reader->led_buzzer_commands().at(0).via_escape);
  CHECK(rig.reader->led_buzzer_commands().at(0).red_lit());
  rig.readers.stop();
}

TEST_CASE("ccid: time extensions, a stale bSeq and firmware-1.x GET RESPONSE still give one read") {
  require_umockdev();
  Rig rig(fast_acr122u());
  rig.reader->time_extensions(2);
  rig.reader->answer_with_get_response(true);
  rig.reader->send_stale_reply_once();
  rig.reader->place_card(uid_a);
  REQUIRE(rig.sink.wait_cards(1));
  CHECK(rig.sink.cards().at(0).card.hex == "E37A5C1D");
  REQUIRE(rig.polls(5));
  CHECK(rig.sink.cards().size() == 1);
  CHECK(!rig.sink.find_state(rig.name, ReaderState::failed));
  const auto apdus = rig.reader->apdus();
  CHECK(std::any_of(apdus.begin(), apdus.end(), [](const Bytes& a) { return to_hex(a).rfind("FFC00000", 0) == 0; }));
  rig.readers.stop();
}
