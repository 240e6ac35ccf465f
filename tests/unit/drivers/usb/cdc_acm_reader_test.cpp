// cdc_acm_reader_test: a CDC-ACM serial reader end to end — line coding, DTR, both interfaces taken
// from cdc_acm, RDM6300 frames arriving in odd chunks, a garbled frame dropped.
#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <memory>

#include "cdc_acm_device.hpp"
#include "drivers/usb/usb_readers.hpp"
#include "recording_sink.hpp"
#include "shipped_profiles.hpp"
#include "usb_test_support.hpp"

using namespace classbook;
using namespace classbook::test::usb;
using drivers::ReaderState;

namespace {

const std::string rdm6300 = "rdm6300-pico-cdc-2e8a-000a.conf";

Bytes frame(const std::string& ten_hex_and_checksum) {
  Bytes f(ten_hex_and_checksum.size() + 2, 0x02);  // STX ... ETX
  std::copy(ten_hex_and_checksum.begin(), ten_hex_and_checksum.end(), f.begin() + 1);
  f.back() = 0x03;
  return f;
}

}  // namespace

TEST_CASE("cdc-acm: RDM6300 frames in odd chunks become cards, a bad checksum is dropped") {
  require_umockdev();
  UsbTestbed bed;
  const auto profile = shipped_profile(rdm6300);
  auto serial = std::make_shared<CdcAcmDevice>(profile.vendor_id, profile.product_id);
  const std::string name = reader_name(rdm6300, bed.plug(serial));
  SystemClock clock;
  RecordingSink sink;
  drivers::usb::UsbReaders readers({profile}, clock);
  REQUIRE(readers.start(sink).ok());
  REQUIRE(sink.wait_state(name, ReaderState::ready));

  CHECK(serial->kernel_driver_detaches() == 2);  // cdc_acm let go of both interfaces
  CHECK(serial->claimed(CdcAcmDevice::comm_interface));
  CHECK(serial->claimed(CdcAcmDevice::data_interface));
  REQUIRE(serial->line_coding().has_value());
  CHECK(serial->line_coding()->baud == 9600);
  CHECK(serial->line_coding()->data_bits == 8);
  CHECK(serial->line_coding()->parity == 0);
  CHECK(serial->line_coding()->stop_bits == 0);
  CHECK(serial->dtr());
  CHECK(serial->rts());

  // 1A00BC614E: XOR 89 (docs/kiosk-research.md §5). 0100000042: XOR 43.
  REQUIRE(serial->send(frame("1A00BC614E89"), 3));
  REQUIRE(serial->send(frame("1A00BC614E88"), 5));  // bad checksum
  REQUIRE(serial->send(Bytes{'7', 0x03, 0x02}, 1));  // line noise, then a frame split over sends
  const Bytes good = frame("010000004243");
  REQUIRE(serial->send(std::span(good).subspan(1, 6), 2));
  REQUIRE(serial->send(std::span(good).subspan(7), 64));
  REQUIRE(sink.wait_cards(2));
  readers.stop();

  const auto cards = sink.cards();
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].reader == name);
  CHECK(cards[0].card.hex == "00BC614E");
  CHECK(cards[0].card.tech == drivers::CardTech::em4100);
  CHECK(cards[1].card.hex == "00000042");
}
