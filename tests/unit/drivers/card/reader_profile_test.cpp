// reader_profile: the profile format — every setting read, every mistake an error naming the line.
#include <catch2/catch.hpp>

#include <fstream>

#include "drivers/card/reader_profile.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

namespace {

const char* const acr122u = R"(# a CCID reader
name = ACS ACR122U
debounce_ms = 2000
[usb]
vendor = 0x072F
product = 0x2200
driver = ccid
[uid]
order = reversed
[ccid]
mode = pcsc-getdata
poll_ms = 300
[feedback]
accepted = green 300 beep
unknown = red 200 beep, off 100, red 200 beep
offline = none
)";

std::string error_of(const std::string& text) {
  auto p = parse_reader_profile(text, "r.conf");
  REQUIRE_FALSE(p);
  return p.error().message;
}

const std::string wedge_head = "name = W\n[usb]\nvendor = 0xffff\nproduct = 0x0035\ndriver = hid-wedge\n";

}  // namespace

TEST_CASE("reader profile: a CCID profile fills every field") {
  auto p = parse_reader_profile(acr122u, "acr.conf");
  REQUIRE(p);
  CHECK(p->name == "ACS ACR122U");
  CHECK(p->file == "acr.conf");
  CHECK(p->vendor_id == 0x072F);
  CHECK(p->product_id == 0x2200);
  CHECK(p->interface == 0);
  CHECK(p->driver == DriverKind::ccid);
  CHECK(p->reads == ReadKind::card);
  CHECK(p->uid.text == UidText::hex);
  CHECK(p->uid.order == ByteOrder::reversed);
  CHECK(p->uid.tech == CardTech::iso14443a);
  CHECK(p->debounce == 2000ms);
  CHECK(p->ccid_mode == CcidMode::pcsc_getdata);
  CHECK(p->poll_interval == 300ms);
  REQUIRE(p->on_accepted.size() == 1);
  CHECK(p->on_accepted[0].green);
  CHECK_FALSE(p->on_accepted[0].red);
  CHECK(p->on_accepted[0].beep);
  CHECK(p->on_accepted[0].duration == 300ms);
  REQUIRE(p->on_unknown.size() == 3);
  CHECK(p->on_unknown[1].duration == 100ms);
  CHECK_FALSE(p->on_unknown[1].red);
  CHECK_FALSE(p->on_unknown[1].beep);
  CHECK(p->on_offline.empty());
}

TEST_CASE("reader profile: wedge, serial and scanner profiles") {
  auto w = parse_reader_profile(wedge_head + "[uid]\ntext = dec10\ntech = em4100\n[keyboard]\nterminator = tab\nkey_gap_ms = 50\n", "w.conf");
  REQUIRE(w);
  CHECK(w->driver == DriverKind::hid_wedge);
  CHECK(w->uid.text == UidText::dec10);
  CHECK(w->uid.tech == CardTech::em4100);
  CHECK(w->terminator == Terminator::tab);
  CHECK(w->key_gap == 50ms);
  CHECK(w->debounce == 1500ms);

  auto s = parse_reader_profile("name = S\n[usb]\nvendor = 0x2e8a\nproduct = 0x000a\ninterface = 0\ndriver = cdc-acm\n[serial]\nbaud = 115200\n", "s.conf");
  REQUIRE(s);
  CHECK(s->driver == DriverKind::cdc_acm);
  CHECK(s->baud == 115200);

  auto c = parse_reader_profile("name = Scanner\nreads = code\n[usb]\nvendor = 0x05e0\nproduct = 0x1200\ndriver = hid-wedge\n[code]\nformat = Code128\n[keyboard]\nterminator = none\n", "c.conf");
  REQUIRE(c);
  CHECK(c->reads == ReadKind::code);
  CHECK(c->code_format == "Code128");
  CHECK(c->terminator == Terminator::none);
}

TEST_CASE("reader profile: mistakes are errors with the file, line and what to do") {
  CHECK(error_of("[usb]\nvendor = 1\nproduct = 2\ndriver = ccid\n") == "r.conf: name is missing (e.g. name = ACS ACR122U)");
  CHECK(error_of("name = X\n[usb]\nproduct = 2\ndriver = ccid\n") == "r.conf: [usb] vendor is missing (e.g. vendor = 0x072F)");
  CHECK(error_of("name = X\n[usb]\nvendor = 1\nproduct = 2\ndriver = pcsc\n") ==
        "r.conf:5: usb.driver must be one of hid-wedge, ccid, cdc-acm, not 'pcsc'");
  CHECK(error_of(wedge_head + "[uid]\ntxet = hex\n") == "r.conf:7: unknown setting 'uid.txet'; check its spelling and section");
  CHECK(error_of(wedge_head + "[ccid]\nmode = pn532-direct\n") ==
        "r.conf:7: [ccid] settings apply only with driver = ccid; remove 'mode'");
  CHECK(error_of(wedge_head + "[feedback]\naccepted = green 300\n").find("[feedback] settings apply only with driver = ccid") !=
        std::string::npos);
  CHECK(error_of(wedge_head + "[code]\nformat = QRCode\n") == "r.conf:7: [code] settings apply only with reads = code; remove 'format'");
  CHECK(error_of("name = X\nreads = code\n[usb]\nvendor = 1\nproduct = 2\ndriver = ccid\n") ==
        "r.conf:2: reads = code is for keyboard-mode scanners: it needs driver = hid-wedge");
  CHECK(error_of("name = X\n[usb]\nvendor = 1\nproduct = 2\ndriver = ccid\n[uid]\ntext = dec10\n") ==
        "r.conf:7: a ccid reader delivers bytes, so [uid] text is hex; dec10 and w26 are for hid-wedge");
  CHECK(error_of("name = X\n[usb]\nvendor = 0x10000\nproduct = 2\ndriver = ccid\n") ==
        "r.conf:3: usb.vendor must be a whole number from 1 to 65535, not '0x10000'");
  CHECK(error_of(wedge_head + "[keyboard]\nkey_gap_ms = 5\n") ==
        "r.conf:7: keyboard.key_gap_ms must be a whole number from 10 to 2000, not '5'");
  CHECK(error_of("name = X\n[usb]\nvendor = 1\nproduct = 2\ndriver = cdc-acm\n[serial]\nbaud = 9601\n").find("serial.baud must be one of") !=
        std::string::npos);
  CHECK(error_of("name = X\n[usb]\nvendor = 1\nproduct = 2\ndriver = ccid\n[feedback]\naccepted = blue 300\n") ==
        "r.conf:7: feedback.accepted: step 1 'blue 300': the light is off, red, green or both, not 'blue'");
  CHECK(error_of("name = \"\"\n[usb]\nvendor = 1\nproduct = 2\ndriver = ccid\n") ==
        "r.conf:1: name is empty; give the reader's make and model");
  CHECK(error_of("name = X\nnot a line\n") == "r.conf:2: expected 'key = value'; got 'not a line'");
}

TEST_CASE("reader profile: the LED/buzzer pattern language") {
  auto p = parse_signal_pattern(" both 100 beep ,off 50, red 5000 ");
  REQUIRE_FALSE(p);  // 5150 ms in all
  CHECK(p.error().message == "the pattern lasts 5150 ms; keep it within 5000 ms, the reader does not poll while it plays");
  auto ok = parse_signal_pattern(" both 100 beep ,off 50, red 200 ");
  REQUIRE(ok);
  REQUIRE(ok->size() == 3);
  CHECK((*ok)[0].red);
  CHECK((*ok)[0].green);
  CHECK((*ok)[0].beep);
  CHECK((*ok)[1].duration == 50ms);
  CHECK(parse_signal_pattern("none")->empty());
  CHECK(parse_signal_pattern("").error().message == "the pattern is empty; write 'none' for no signal");
  CHECK(parse_signal_pattern("green").error().message == "step 1 'green': write a step as 'green 300' or 'green 300 beep'");
  CHECK(parse_signal_pattern("green 300, red fast").error().message ==
        "step 2 'red fast': the duration is whole milliseconds from 1 to 5000, not 'fast'");
  CHECK(parse_signal_pattern("green 0").error().message.find("from 1 to 5000, not '0'") != std::string::npos);
  CHECK(parse_signal_pattern("green 300 boop").error().message == "step 1 'green 300 boop': only 'beep' may follow the duration, not 'boop'");
  CHECK(parse_signal_pattern("green 300,").error().message.find("step 2") == 0);
  CHECK(parse_signal_pattern("off 1,off 1,off 1,off 1,off 1,off 1,off 1,off 1,off 1").error().message ==
        "more than 8 steps; keep a signal short");
}

TEST_CASE("reader profile: a folder loads sorted, and a bad file or a duplicate USB id fails the load") {
  test::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir.file(name)) << text; };
  write("b.conf", acr122u);
  write("a.conf", wedge_head);
  write("notes.txt", "not a profile");
  auto all = load_reader_profiles(dir.path());
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].file == dir.file("a.conf"));
  CHECK(find_profile(*all, 0x072F, 0x2200) == &(*all)[1]);
  CHECK(find_profile(*all, 0xFFFF, 0x0035) == &(*all)[0]);
  CHECK(find_profile(*all, 0x072F, 0x2201) == nullptr);

  write("c.conf", acr122u);
  auto dup = load_reader_profiles(dir.path());
  REQUIRE_FALSE(dup);
  CHECK(dup.error().message == dir.file("c.conf") + " and " + dir.file("b.conf") + " both describe USB device 072F:2200; keep one of them");

  write("c.conf", "name = broken\n");
  auto broken = load_reader_profiles(dir.path());
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message == dir.file("c.conf") + ": [usb] vendor is missing (e.g. vendor = 0x072F)");

  CHECK(load_reader_profiles(dir.file("nowhere")).error().message.find("does not exist") != std::string::npos);
  CHECK(std::string(to_string(DriverKind::cdc_acm)) == "cdc-acm");
}
