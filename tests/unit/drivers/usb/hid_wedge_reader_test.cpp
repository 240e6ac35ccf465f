// hid_wedge_reader_test: keyboard-wedge readers and scanners end to end — UsbReaders on real
// libusb, an emulated boot keyboard with the shipped profiles' IDs.
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "drivers/usb/usb_readers.hpp"
#include "hid_keyboard_device.hpp"
#include "recording_sink.hpp"
#include "shipped_profiles.hpp"
#include "usb_test_support.hpp"

using namespace classbook;
using namespace classbook::test::usb;
using drivers::ReaderState;
using namespace std::chrono_literals;

namespace {

const std::string sycreader = "sycreader-em-marine-ffff-0035.conf";
const std::string zebra = "zebra-symbol-scanner-05e0-1200.conf";
const TimePoint t0{std::chrono::milliseconds(1'800'000'000'000)};

}  // namespace

TEST_CASE("hid wedge: the Sycreader is taken from usbhid and 0012345678⏎ becomes EM4100 card 00BC614E") {
  require_umockdev();
  UsbTestbed bed;
  const auto profile = shipped_profile(sycreader);
  auto kb = std::make_shared<HidKeyboardDevice>(profile.vendor_id, profile.product_id);
  const std::string name = reader_name(sycreader, bed.plug(kb));
  SystemClock clock;
  RecordingSink sink;
  drivers::usb::UsbReaders readers({profile}, clock);
  REQUIRE(readers.start(sink).ok());
  REQUIRE(sink.wait_state(name, ReaderState::ready));
  CHECK(sink.find_state(name, ReaderState::opening));
  CHECK(kb->kernel_driver_detaches() == 1);
  CHECK_FALSE(kb->kernel_driver_bound(0));
  CHECK(kb->claimed(0));
  CHECK(kb->boot_protocol_set());

  kb->type("0012345678\n");
  REQUIRE(sink.wait_cards(1));
  const auto read = sink.cards().at(0);
  CHECK(read.reader == name);
  CHECK(read.card.hex == "00BC614E");
  CHECK(read.card.tech == drivers::CardTech::em4100);
  CHECK(read.at <= clock.now());

  kb->type("12AZ\n");  // not a dec10 number: logged and dropped
  kb->type("3816447005\n");
  REQUIRE(sink.wait_cards(2));
  CHECK(sink.cards().at(1).card.hex == "E37A5C1D");
  readers.stop();
  CHECK(sink.cards().size() == 2);
  CHECK(kb->kernel_driver_bound(0));  // usbhid has it back
}

TEST_CASE("hid wedge: the same card within the debounce window is one tap, after it a new one") {
  require_umockdev();
  UsbTestbed bed;
  const auto profile = shipped_profile(sycreader);  // debounce_ms = 1500
  auto kb = std::make_shared<HidKeyboardDevice>(profile.vendor_id, profile.product_id);
  const std::string name = reader_name(sycreader, bed.plug(kb));
  FakeClock clock(t0);
  RecordingSink sink;
  drivers::usb::UsbReaders readers({profile}, clock);
  REQUIRE(readers.start(sink).ok());
  REQUIRE(sink.wait_state(name, ReaderState::ready));

  auto handled = [&] { return eventually([&] { return kb->drained(HidKeyboardDevice::report_endpoint); }); };
  kb->type("0012345678\n");
  REQUIRE(sink.wait_cards(1));
  clock.advance(1000ms);
  kb->type("0012345678\n");  // again, 1 s later: the same tap
  kb->type("0000000042\n");  // another card: a tap of its own
  REQUIRE(sink.wait_cards(2));
  CHECK(sink.cards().at(1).card.hex == "0000002A");
  clock.advance(1000ms);  // 1 s after the repeat, which extended the window
  kb->type("0012345678\n");
  REQUIRE(handled());
  CHECK(sink.cards().size() == 2);
  clock.advance(1600ms);
  kb->type("0012345678\n");  // now past the window: a new tap
  REQUIRE(sink.wait_cards(3));
  REQUIRE(handled());
  readers.stop();
  const auto cards = sink.cards();
  REQUIRE(cards.size() == 3);
  CHECK(cards[2].card.hex == "00BC614E");
  CHECK(cards[2].at == t0 + 3600ms);
}

TEST_CASE("hid wedge: a keyboard-mode barcode scanner reports codes, not cards") {
  require_umockdev();
  UsbTestbed bed;
  const auto profile = shipped_profile(zebra);
  auto scanner = std::make_shared<HidKeyboardDevice>(profile.vendor_id, profile.product_id);
  const std::string name = reader_name(zebra, bed.plug(scanner));
  SystemClock clock;
  RecordingSink sink;
  drivers::usb::UsbReaders readers({profile}, clock);
  REQUIRE(readers.start(sink).ok());
  REQUIRE(sink.wait_state(name, ReaderState::ready));
  CHECK(sink.find_state(name, ReaderState::ready)->detail == "reading codes");
  scanner->type("classbook:card:E37A5C1D\n");
  REQUIRE(eventually([&] { return !sink.codes().empty(); }));
  const auto scan = sink.codes().at(0);
  CHECK(scan.reader == name);
  CHECK(scan.text == "classbook:card:E37A5C1D");
  CHECK(scan.format == "unknown");
  readers.stop();
  CHECK(sink.cards().empty());
}

TEST_CASE("hid wedge: stop() with a report transfer in flight cancels it, joins, and is final") {
  require_umockdev();
  UsbTestbed bed;
  const auto profile = shipped_profile(sycreader);
  auto kb = std::make_shared<HidKeyboardDevice>(profile.vendor_id, profile.product_id);
  const std::string name = reader_name(sycreader, bed.plug(kb));
  SystemClock clock;
  RecordingSink sink;
  drivers::usb::UsbReaders readers({profile}, clock);
  REQUIRE(readers.start(sink).ok());
  REQUIRE(sink.wait_state(name, ReaderState::ready));
  REQUIRE(eventually([&] { return kb->urbs_waiting() == 1; }));  // the interrupt IN transfer

  const auto started = std::chrono::steady_clock::now();
  readers.stop();
  const auto took = std::chrono::steady_clock::now() - started;
  sink.close();
  CHECK(took < 500ms);
  CHECK(kb->urbs_waiting() == 0);  // cancelled (discarded), not abandoned
  CHECK_FALSE(kb->claimed(0));
  CHECK(kb->kernel_driver_bound(0));
  kb->type("0012345678\n");
  std::this_thread::sleep_for(100ms);
  CHECK(sink.calls_after_close() == 0);
  readers.stop();  // twice is fine
  CHECK(readers.start(sink).ok() == true);  // and it can start again
  readers.stop();
}
