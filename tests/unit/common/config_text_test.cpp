// config_text: the line format every config and reader profile uses, and its error messages.
#include <catch2/catch.hpp>

#include "classbook/common/config_text.hpp"

using namespace classbook;

TEST_CASE("config text: sections, quotes, comments and hex numbers") {
  auto r = parse_config_text("# a reader\nname = \"ACS # ACR122U \"\n\n[usb]\nvendor = 0x072f  # ACS\nproduct=0x2200\n", "acr.conf");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[0].section.empty());
  CHECK((*r)[0].value == "ACS # ACR122U ");
  CHECK((*r)[1].section == "usb");
  CHECK((*r)[1].value == "0x072f");
  CHECK((*r)[2].line == 6);
  ConfigValues v(*r, "acr.conf");
  CHECK(*v.integer("usb", "vendor", 0, 0, 0xffff) == 0x072f);
  CHECK(*v.integer("usb", "missing", 7, 0, 10) == 7);
  CHECK(v.only({"name", "usb.vendor", "usb.product"}));
}

TEST_CASE("config text: every bad line is named with its number and what to do") {
  auto bad = parse_config_text("a = 1\njust words\n", "k.conf");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "k.conf:2: expected 'key = value'; got 'just words'");
  CHECK(parse_config_text("a = \"open\n", "k.conf").error().message.find("k.conf:1: the quote") == 0);
  CHECK(parse_config_text("[x\n", "k.conf").error().message.find("k.conf:1: a section") == 0);
  CHECK(parse_config_text("a = 1\na = 2\n", "k.conf").error().message == "k.conf:2: 'a' is set twice");
  CHECK(parse_config_text("a = 1\n[s]\na = 2\n", "k.conf"));

  ConfigValues v(*parse_config_text("[reader]\ndebounce_ms = fast\nmode = hall\nbeep = maybe\ntypo = 1\n", "k.conf"), "k.conf");
  CHECK(v.integer("reader", "debounce_ms", 0, 0, 60000).error().message ==
        "k.conf:2: reader.debounce_ms must be a whole number from 0 to 60000, not 'fast'");
  CHECK(*v.choice("reader", "mode", "entrance", {"entrance", "hall"}) == "hall");
  CHECK(v.choice("reader", "mode", "", {"entrance"}).error().message == "k.conf:3: reader.mode must be one of entrance, not 'hall'");
  CHECK(v.flag("reader", "beep", true).error().message == "k.conf:4: reader.beep must be yes or no, not 'maybe'");
  CHECK(v.only({"reader.debounce_ms", "reader.mode", "reader.beep"}).error().message ==
        "k.conf:5: unknown setting 'reader.typo'; check its spelling and section");
}
