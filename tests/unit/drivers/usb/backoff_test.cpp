// backoff_test: the pure pieces of drivers/usb — reopen delays and how they are shown, and finding
// a CDC data interface from the Union descriptor.
#include <catch2/catch.hpp>

#include "drivers/usb/backoff.hpp"
#include "drivers/usb/interface_info.hpp"

using namespace classbook::drivers::usb;
using namespace std::chrono_literals;

TEST_CASE("backoff doubles from the first delay up to the ceiling and starts over after reset") {
  Backoff b(500ms, 30'000ms);
  const std::chrono::milliseconds expected[] = {500ms, 1000ms, 2000ms, 4000ms, 8000ms, 16000ms, 30000ms, 30000ms};
  for (auto e : expected) CHECK(b.next() == e);
  b.reset();
  CHECK(b.next() == 500ms);
  CHECK(b.next() == 1000ms);
}

TEST_CASE("delays read as seconds") {
  CHECK(format_delay(500ms) == "0.5 s");
  CHECK(format_delay(1000ms) == "1 s");
  CHECK(format_delay(1500ms) == "1.5 s");
  CHECK(format_delay(30'000ms) == "30 s");
}

TEST_CASE("the CDC data interface comes from the Union descriptor, or is absent") {
  InterfaceInfo comm;
  comm.number = 2;
  comm.extra = {0x05, 0x24, 0x00, 0x10, 0x01,   // Header
                0x04, 0x24, 0x02, 0x02,         // ACM
                0x05, 0x24, 0x06, 0x02, 0x03};  // Union: control 2, data 3
  CHECK(cdc_union_data_interface(comm) == 3);
  comm.extra.resize(9);
  CHECK_FALSE(cdc_union_data_interface(comm).has_value());
  comm.extra = {0x00, 0x24, 0x06};  // a zero length must not loop for ever
  CHECK_FALSE(cdc_union_data_interface(comm).has_value());
  comm.extra = {0x09, 0x24, 0x06, 0x00};  // longer than what is there
  CHECK_FALSE(cdc_union_data_interface(comm).has_value());
}
