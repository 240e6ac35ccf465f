// usb_fake_test: the emulated-USB kit itself, driven through plain libusb calls — what the kernel
// would do for detach/claim, reports, CCID and CDC traffic, unplug and injected faults.
#include <libusb.h>

#include <catch2/catch.hpp>
#include <memory>

#include "acr122u_device.hpp"
#include "cdc_acm_device.hpp"
#include "hid_keyboard_device.hpp"
#include "usb_test_support.hpp"

using namespace classbook::test::usb;

namespace {

constexpr unsigned timeout_ms = 1000;

struct Libusb {
  libusb_context* ctx = nullptr;
  Libusb() { REQUIRE(libusb_init(&ctx) == 0); }
  ~Libusb() { libusb_exit(ctx); }
  libusb_device_handle* open(std::uint16_t vid, std::uint16_t pid) {
    libusb_device_handle* h = nullptr;
    eventually([&] { return (h = libusb_open_device_with_vid_pid(ctx, vid, pid)) != nullptr; });
    REQUIRE(h != nullptr);
    return h;
  }
};

Bytes interrupt_in(libusb_device_handle* h, std::uint8_t ep, int& rc, unsigned timeout = timeout_ms) {
  Bytes buf(64);
  int n = 0;
  rc = libusb_interrupt_transfer(h, ep, buf.data(), static_cast<int>(buf.size()), &n, timeout);
  buf.resize(static_cast<std::size_t>(n));
  return buf;
}

Bytes ccid_exchange(libusb_device_handle* h, Bytes message) {
  int n = 0;
  REQUIRE(libusb_bulk_transfer(h, Acr122uDevice::bulk_out, message.data(), static_cast<int>(message.size()), &n,
                               timeout_ms) == 0);
  Bytes reply(512);
  REQUIRE(libusb_bulk_transfer(h, Acr122uDevice::bulk_in, reply.data(), static_cast<int>(reply.size()), &n,
                               timeout_ms) == 0);
  reply.resize(static_cast<std::size_t>(n));
  return reply;
}

Bytes xfr(std::uint8_t seq, Bytes apdu) {
  Bytes m(10 + apdu.size(), 0);
  m[0] = 0x6F;
  m[1] = static_cast<std::uint8_t>(apdu.size());
  m[6] = seq;
  std::copy(apdu.begin(), apdu.end(), m.begin() + 10);
  return m;
}

}  // namespace

TEST_CASE("usb_fake: a HID keyboard is detached from usbhid, claimed and types press/release reports") {
  require_umockdev();
  UsbTestbed bed;
  auto kb = std::make_shared<HidKeyboardDevice>(0x1234, 0x5678);
  CHECK(bed.plug(kb) == "1-1");
  Libusb usb;
  libusb_device_handle* h = usb.open(0x1234, 0x5678);
  CHECK(libusb_kernel_driver_active(h, 0) == 1);
  CHECK(libusb_claim_interface(h, 0) == LIBUSB_ERROR_BUSY);  // usbhid still has it
  libusb_set_auto_detach_kernel_driver(h, 1);
  REQUIRE(libusb_claim_interface(h, 0) == 0);
  CHECK(kb->kernel_driver_detaches() == 1);
  CHECK(kb->claimed(0));
  CHECK_FALSE(kb->kernel_driver_bound(0));

  REQUIRE(libusb_control_transfer(h, 0x21, 0x0B, 0, 0, nullptr, 0, timeout_ms) == 0);
  CHECK(kb->boot_protocol_set());

  kb->type("1A\n");
  int rc = 0;
  CHECK(hex_of(interrupt_in(h, HidKeyboardDevice::report_endpoint, rc)) == "00001E0000000000");
  CHECK(hex_of(interrupt_in(h, HidKeyboardDevice::report_endpoint, rc)) == "0000000000000000");
  CHECK(hex_of(interrupt_in(h, HidKeyboardDevice::report_endpoint, rc)) == "0200040000000000");
  CHECK(rc == 0);
  CHECK_THROWS_AS(kb->type("й"), std::invalid_argument);

  libusb_release_interface(h, 0);
  CHECK(kb->kernel_driver_bound(0));  // auto-detach gives it back to usbhid
  libusb_close(h);
}

TEST_CASE("usb_fake: the ACR122U answers CCID with the PN532 target list, GET DATA and LED commands") {
  require_umockdev();
  UsbTestbed bed;
  auto reader = std::make_shared<Acr122uDevice>();
  bed.plug(reader);
  Libusb usb;
  libusb_device_handle* h = usb.open(0x072F, 0x2200);
  REQUIRE(libusb_claim_interface(h, 0) == 0);
  CHECK(reader->kernel_driver_detaches() == 0);

  const Bytes power_on{0x62, 0, 0, 0, 0, 0, 1, 1, 0, 0};
  CHECK(hex_of(ccid_exchange(h, power_on)) == "80000000000001"
                                              "42FE00");  // no card: failed, absent, ICC_MUTE
  const Bytes list{0xFF, 0x00, 0x00, 0x00, 0x04, 0xD4, 0x4A, 0x01, 0x00};
  CHECK(hex_of(ccid_exchange(h, xfr(2, list))) == "80050000000002020000D54B009000");

  reader->place_card({0xE3, 0x7A, 0x5C, 0x1D});
  int rc = 0;
  CHECK(hex_of(interrupt_in(h, Acr122uDevice::interrupt_in, rc)) == "5003");
  CHECK(hex_of(ccid_exchange(h, xfr(3, list))) == "800E0000000003010000D54B010100040804E37A5C1D9000");
  CHECK(hex_of(ccid_exchange(h, xfr(4, {0xFF, 0xCA, 0x00, 0x00, 0x00}))) == "8006000000000401""0000E37A5C1D9000");

  reader->time_extensions(1);
  CHECK(hex_of(ccid_exchange(h, xfr(5, list))) == "80000000000005810100");  // time extension first
  reader->time_extensions(0);
  Bytes rest(512);
  int n = 0;
  REQUIRE(libusb_bulk_transfer(h, Acr122uDevice::bulk_in, rest.data(), 512, &n, timeout_ms) == 0);
  CHECK(n == 24);

  ccid_exchange(h, xfr(6, {0xFF, 0x00, 0x40, 0xAE, 0x04, 0x02, 0x00, 0x01, 0x01}));
  const auto led = reader->led_buzzer_commands();
  REQUIRE(led.size() == 1);
  CHECK(led[0].green_lit());
  CHECK_FALSE(led[0].red_lit());
  CHECK(led[0].beeps());
  CHECK(led[0].t1_ms() == 200);
  libusb_release_interface(h, 0);
  libusb_close(h);
}

TEST_CASE("usb_fake: a CDC-ACM device records line coding and speaks only after DTR") {
  require_umockdev();
  UsbTestbed bed;
  auto serial = std::make_shared<CdcAcmDevice>(0x0483, 0x5740);
  bed.plug(serial);
  Libusb usb;
  libusb_device_handle* h = usb.open(0x0483, 0x5740);
  libusb_set_auto_detach_kernel_driver(h, 1);
  REQUIRE(libusb_claim_interface(h, 0) == 0);
  REQUIRE(libusb_claim_interface(h, 1) == 0);
  CHECK(serial->kernel_driver_detaches() == 2);
  CHECK_FALSE(serial->send(Bytes{0x02, 0x03}));

  std::uint8_t coding[7] = {0x80, 0x25, 0, 0, 0, 0, 8};
  REQUIRE(libusb_control_transfer(h, 0x21, 0x20, 0, 0, coding, 7, timeout_ms) == 7);
  REQUIRE(libusb_control_transfer(h, 0x21, 0x22, 3, 0, nullptr, 0, timeout_ms) == 0);
  REQUIRE(serial->line_coding().has_value());
  CHECK(serial->line_coding()->baud == 9600);
  CHECK(serial->line_coding()->data_bits == 8);
  CHECK(serial->dtr());
  CHECK(serial->rts());

  const Bytes frame{0x02, '1', 'A', '0', '0', 'B'};
  CHECK(serial->send(frame, 4));
  int n = 0;
  Bytes buf(64);
  REQUIRE(libusb_bulk_transfer(h, CdcAcmDevice::data_in, buf.data(), 64, &n, timeout_ms) == 0);
  CHECK(n == 4);
  REQUIRE(libusb_bulk_transfer(h, CdcAcmDevice::data_in, buf.data(), 64, &n, timeout_ms) == 0);
  CHECK(n == 2);
  libusb_release_interface(h, 1);
  libusb_release_interface(h, 0);
  libusb_close(h);
}

TEST_CASE("usb_fake: unplug fails the URB in flight with NO_DEVICE, a replug gets a new address") {
  require_umockdev();
  UsbTestbed bed;
  auto kb = std::make_shared<HidKeyboardDevice>(0x1234, 0x5678);
  bed.plug(kb, 3);
  Libusb usb;
  libusb_device_handle* h = usb.open(0x1234, 0x5678);
  const int first_address = libusb_get_device_address(libusb_get_device(h));
  libusb_set_auto_detach_kernel_driver(h, 1);
  REQUIRE(libusb_claim_interface(h, 0) == 0);

  struct Done {
    bool done = false;
    libusb_transfer_status status{};
  } result;
  std::uint8_t buf[8];
  libusb_transfer* t = libusb_alloc_transfer(0);
  libusb_fill_interrupt_transfer(
      t, h, HidKeyboardDevice::report_endpoint, buf, sizeof buf,
      [](libusb_transfer* x) {
        auto* r = static_cast<Done*>(x->user_data);
        r->status = x->status;
        r->done = true;
      },
      &result, 0);
  REQUIRE(libusb_submit_transfer(t) == 0);
  CHECK(eventually([&] { return kb->urbs_waiting() == 1; }));
  bed.unplug(*kb);
  CHECK_FALSE(kb->plugged());
  timeval tv{0, 50000};
  for (int i = 0; i < 40 && !result.done; ++i) libusb_handle_events_timeout_completed(usb.ctx, &tv, nullptr);
  REQUIRE(result.done);
  CHECK(result.status == LIBUSB_TRANSFER_NO_DEVICE);
  CHECK(libusb_submit_transfer(t) == LIBUSB_ERROR_NO_DEVICE);
  libusb_free_transfer(t);
  libusb_close(h);

  bed.replug(*kb);
  CHECK(bed.location(*kb) == "1-3");
  h = usb.open(0x1234, 0x5678);
  CHECK(libusb_get_device_address(libusb_get_device(h)) != first_address);
  CHECK(libusb_kernel_driver_active(h, 0) == 1);  // usbhid binds a new plug-in again
  libusb_close(h);
}

TEST_CASE("usb_fake: injected faults — the n-th URB, a stalled endpoint, a hung endpoint, healed by reset") {
  require_umockdev();
  UsbTestbed bed;
  auto kb = std::make_shared<HidKeyboardDevice>(0x1234, 0x5678);
  bed.plug(kb);
  Libusb usb;
  libusb_device_handle* h = usb.open(0x1234, 0x5678);
  libusb_set_auto_detach_kernel_driver(h, 1);
  REQUIRE(libusb_claim_interface(h, 0) == 0);
  int rc = 0;

  kb->fail_nth_urb(2, UrbError::io);
  kb->type("1");
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == 0);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == LIBUSB_ERROR_IO);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);  // the release report is still there
  CHECK(rc == 0);

  kb->fail_endpoint(HidKeyboardDevice::report_endpoint, UrbError::stall, 2);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == LIBUSB_ERROR_PIPE);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == LIBUSB_ERROR_PIPE);

  kb->hang_endpoint(HidKeyboardDevice::report_endpoint, true);
  kb->type("2");
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc, 100);
  CHECK(rc == LIBUSB_ERROR_TIMEOUT);
  kb->hang_endpoint(HidKeyboardDevice::report_endpoint, false);
  CHECK(hex_of(interrupt_in(h, HidKeyboardDevice::report_endpoint, rc)) == "00001F0000000000");

  kb->fail_endpoint(HidKeyboardDevice::report_endpoint, UrbError::io);
  kb->heal_on_reset(true);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == LIBUSB_ERROR_IO);
  CHECK(libusb_reset_device(h) == 0);
  CHECK(kb->resets() == 1);
  interrupt_in(h, HidKeyboardDevice::report_endpoint, rc);
  CHECK(rc == 0);
  libusb_close(h);
}
