// card_id: one card, one id, through every reader format that carries enough bits (the checked
// vectors of docs/kiosk-research.md §4).
#include <catch2/catch.hpp>

#include <array>

#include "drivers/card/card_id.hpp"

using namespace classbook::drivers;

namespace {

CardId from(std::string_view text, UidText t, ByteOrder o, CardTech tech) {
  auto r = card_from_text(text, UidFormat{t, o, tech});
  INFO(text << ": " << (r ? "" : r.error().message));
  REQUIRE(r);
  return *r;
}

std::string error_of(std::string_view text, UidFormat f) {
  auto r = card_from_text(text, f);
  REQUIRE_FALSE(r);
  return r.error().message;
}

}  // namespace

TEST_CASE("card id: MIFARE E37A5C1D reads the same through hex, reversed, dec10 BE/LE and CCID bytes") {
  const CardId want{"E37A5C1D", CardTech::iso14443a};
  const auto a = CardTech::iso14443a;
  struct Via {
    const char* profile;
    std::string_view text;
    UidText t;
    ByteOrder o;
  };
  const Via vias[] = {
      {"wedge, hex as read", "E37A5C1D", UidText::hex, ByteOrder::as_read},
      {"wedge, hex lower case", "e37a5c1d", UidText::hex, ByteOrder::as_read},
      {"wedge, reversed hex", "1D5C7AE3", UidText::hex, ByteOrder::reversed},
      {"wedge, dec10 big-endian", "3816447005", UidText::dec10, ByteOrder::as_read},
      {"wedge, dec10 little-endian", "0492600035", UidText::dec10, ByteOrder::reversed},
      {"serial text with CR LF around", "\r\nE37A5C1D\r\n", UidText::hex, ByteOrder::as_read},
  };
  for (const auto& v : vias) {
    INFO(v.profile);
    CHECK(from(v.text, v.t, v.o, a) == want);
  }
  const std::array<std::uint8_t, 4> pn532{0xE3, 0x7A, 0x5C, 0x1D}, lsb_first{0x1D, 0x5C, 0x7A, 0xE3};
  CHECK(card_from_bytes(pn532, ByteOrder::as_read, a) == want);
  CHECK(card_from_bytes(lsb_first, ByteOrder::reversed, a) == want);

  CHECK(dec10(want, ByteOrder::as_read) == "3816447005");
  CHECK(dec10(want, ByteOrder::reversed) == "0492600035");
  CHECK(w26(want, ByteOrder::as_read) == "122,23581");
  CHECK(w26(want, ByteOrder::reversed) == "092,31459");
}

TEST_CASE("card id: W26 keeps 24 bits — the id is the 3 bytes it carries, and the printed form round-trips") {
  const CardId full{"E37A5C1D", CardTech::iso14443a};
  const auto be = from("122,23581", UidText::w26, ByteOrder::as_read, CardTech::iso14443a);
  CHECK(be == CardId{"7A5C1D", CardTech::iso14443a});  // the last three bytes over the air
  const auto le = from("092,31459", UidText::w26, ByteOrder::reversed, CardTech::iso14443a);
  CHECK(le == CardId{"E37A5C", CardTech::iso14443a});  // the first three
  CHECK(be != full);  // lossy: never equal to the full id (docs/card-identity.md says what to do)
  CHECK(w26(be, ByteOrder::as_read) == "122,23581");
  CHECK(w26(le, ByteOrder::reversed) == "092,31459");
  CHECK(dec10(be, ByteOrder::as_read).empty());  // 24 bits cannot give the 32-bit number
}

TEST_CASE("card id: EM4100 1A00BC614E is 00BC614E through a serial frame, a dec10 wedge and hex wedges") {
  const CardId want{"00BC614E", CardTech::em4100};
  const auto em = CardTech::em4100;
  CHECK(from("1A00BC614E", UidText::hex, ByteOrder::as_read, em) == want);  // RDM6300 frame data
  CHECK(from("0012345678", UidText::dec10, ByteOrder::as_read, em) == want);  // the number on the card
  CHECK(from("00BC614E", UidText::hex, ByteOrder::as_read, em) == want);
  const std::array<std::uint8_t, 5> frame{0x1A, 0x00, 0xBC, 0x61, 0x4E};
  CHECK(card_from_bytes(frame, ByteOrder::as_read, em) == want);
  CHECK(dec10(want, ByteOrder::as_read) == "0012345678");
  CHECK(w26(want, ByteOrder::as_read) == "188,24910");
  const auto lossy = from("188,24910", UidText::w26, ByteOrder::as_read, em);
  CHECK(lossy == CardId{"BC614E", CardTech::em4100});
  CHECK(lossy != want);
}

TEST_CASE("card id: a 7-byte UID keeps all 7 bytes and has no dec10 or W26 form") {
  const CardId want{"04A23B9C5D6E80", CardTech::iso14443a};
  CHECK(from("04A23B9C5D6E80", UidText::hex, ByteOrder::as_read, CardTech::iso14443a) == want);
  CHECK(from("806E5D9C3BA204", UidText::hex, ByteOrder::reversed, CardTech::iso14443a) == want);
  const std::array<std::uint8_t, 7> uid{0x04, 0xA2, 0x3B, 0x9C, 0x5D, 0x6E, 0x80};
  CHECK(card_from_bytes(uid, ByteOrder::as_read, CardTech::iso14443a) == want);
  CHECK(dec10(want, ByteOrder::as_read).empty());
  CHECK(dec10(want, ByteOrder::reversed).empty());
  CHECK(w26(want, ByteOrder::as_read).empty());
}

TEST_CASE("card id: Wiegand-26 frame 0x378C29C is FC 188 / CN 24910 with both parities") {
  CHECK(wiegand26_frame(188, 24910) == 0x378C29Cu);
  auto w = parse_wiegand26(0x378C29C);
  REQUIRE(w);
  CHECK(w->facility == 188);
  CHECK(w->card_number == 24910);
  // Flipping any one bit breaks a parity (every data bit is covered by one of them).
  for (int bit = 0; bit < 26; ++bit) {
    INFO("bit " << bit);
    CHECK_FALSE(parse_wiegand26(0x378C29Cu ^ (1u << bit)));
  }
  CHECK(parse_wiegand26(0x378C29Cu ^ 1u).error().message.find("odd parity") != std::string::npos);
  CHECK(parse_wiegand26(0x378C29Cu ^ (1u << 25)).error().message.find("even parity") != std::string::npos);
  CHECK_FALSE(parse_wiegand26(1u << 26));
  for (const auto& [fc, cn] : {std::pair{0, 0}, {255, 65535}, {1, 2}, {122, 23581}}) {
    auto back = parse_wiegand26(wiegand26_frame(fc, cn));
    REQUIRE(back);
    CHECK(back->facility == fc);
    CHECK(back->card_number == cn);
  }
}

TEST_CASE("card id: bad reader text is an error that says what was wrong") {
  const UidFormat hex{UidText::hex, ByteOrder::as_read, CardTech::iso14443a};
  const UidFormat d10{UidText::dec10, ByteOrder::as_read, CardTech::em4100};
  const UidFormat w{UidText::w26, ByteOrder::as_read, CardTech::em4100};
  CHECK(error_of("12AZ", hex) == "'12AZ' is not hex: 'Z' is not 0-9 or A-F");
  CHECK(error_of("E37A5C1", hex) == "'E37A5C1' has 7 hex digits; a card id has two per byte");
  CHECK(error_of("E37A5C", hex) == "'E37A5C' has 6 hex digits; a MIFARE (ISO 14443A) UID has 8, 14 or 20");
  CHECK(error_of("E37A5C1D00AA", UidFormat{UidText::hex, ByteOrder::as_read, CardTech::em4100}) ==
        "'E37A5C1D00AA' has 12 hex digits; an EM4100 id has 8, or 10 with the version byte");
  CHECK(error_of("123", d10) == "3 digits; a dec10 reader sends 10 ('123')");
  CHECK(error_of("4294967296", d10) == "'4294967296' is above 4294967295, the largest 4-byte card number");
  CHECK(error_of("00123x5678", d10) == "'00123x5678' is not a decimal card number (digits only)");
  CHECK(error_of("18824910", w) == "'18824910' is not a W26 number: expected 'FFF,CCCCC'");
  CHECK(error_of("256,00001", w) == "'256,00001': facility 256 is above 255");
  CHECK(error_of("188,65536", w) == "'188,65536': card number 65536 is above 65535");
  CHECK(error_of("   ", hex) == "the reader sent an empty card number");
  CHECK(error_of(std::string(40, 'A'), hex).find("…") != std::string::npos);  // long noise is cut short
  CHECK(card_from_bytes({}, ByteOrder::as_read, CardTech::unknown).hex.empty());
}

TEST_CASE("card id: dec10 and hex forms round-trip for many 4-byte ids") {
  std::uint32_t x = 0x12345678;
  for (int i = 0; i < 2000; ++i) {
    x = x * 1664525u + 1013904223u;
    const std::array<std::uint8_t, 4> b{static_cast<std::uint8_t>(x >> 24), static_cast<std::uint8_t>(x >> 16),
                                        static_cast<std::uint8_t>(x >> 8), static_cast<std::uint8_t>(x)};
    const auto card = card_from_bytes(b, ByteOrder::as_read, CardTech::iso14443a);
    for (auto o : {ByteOrder::as_read, ByteOrder::reversed}) {
      auto back = card_from_text(dec10(card, o), UidFormat{UidText::dec10, o, CardTech::iso14443a});
      REQUIRE(back);
      CHECK(*back == card);
    }
  }
  CHECK(std::string(to_string(CardTech::em4100)) == "em4100");
  CHECK(std::string(to_string(CardTech::iso14443a)) == "iso14443a");
}
