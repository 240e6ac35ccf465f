// serial_frame: RDM6300 frames out of a byte stream however the USB transfers cut it.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "drivers/card/card_id.hpp"
#include "drivers/card/serial_frame.hpp"

using namespace classbook::drivers;

namespace {

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
const std::string tag = "\x02" "1A00BC614E89" "\x03";  // research §5: XOR of 1A 00 BC 61 4E = 89

std::vector<std::string> data_of(const std::vector<SerialFrame>& frames) {
  std::vector<std::string> out;
  for (const auto& f : frames) out.push_back(f.data_hex);
  return out;
}

}  // namespace

TEST_CASE("serial frame: the RDM6300 frame of tag 1A00BC614E gives its data and the card 0012345678") {
  REQUIRE(tag.size() == 14);
  SerialFrameParser p;
  const auto frames = p.feed(bytes(tag));
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].data_hex == "1A00BC614E");
  auto card = card_from_text(frames[0].data_hex, UidFormat{UidText::hex, ByteOrder::as_read, CardTech::em4100});
  REQUIRE(card);
  CHECK(dec10(*card, ByteOrder::as_read) == "0012345678");
  CHECK(p.bad_frames() == 0);
}

TEST_CASE("serial frame: CR LF before ETX, lower-case hex, noise between frames") {
  SerialFrameParser p;
  const std::string s = "garbage\r\n" "\x02" "1A00BC614E89\r\n" "\x03" "\n\x02" "1a00bc614e89" "\x03";
  CHECK(data_of(p.feed(bytes(s))) == std::vector<std::string>{"1A00BC614E", "1A00BC614E"});
  CHECK(p.bad_frames() == 0);
}

TEST_CASE("serial frame: byte by byte and in random splits give the same frames") {
  std::string stream;
  for (int i = 0; i < 20; ++i) stream += tag + (i % 3 ? "" : "\r\n");
  SerialFrameParser one;
  std::vector<std::string> got;
  for (auto b : stream) {
    const std::uint8_t c = static_cast<std::uint8_t>(b);
    for (auto& d : data_of(one.feed(std::span<const std::uint8_t>(&c, 1)))) got.push_back(d);
  }
  CHECK(got.size() == 20);
  std::mt19937 rng(3);
  for (int round = 0; round < 200; ++round) {
    SerialFrameParser p;
    std::size_t at = 0, n = 0;
    while (at < stream.size()) {
      const auto len = std::min<std::size_t>(stream.size() - at, 1 + rng() % 64);
      n += p.feed(bytes(stream).subspan(at, len)).size();
      at += len;
    }
    CHECK(n == 20);
    CHECK(p.bad_frames() == 0);
  }
}

TEST_CASE("serial frame: bad checksum, short, non-hex, cut-off and over-long frames are counted and skipped") {
  SerialFrameParser p;
  CHECK(p.feed(bytes("\x02" "1A00BC614E88" "\x03")).empty());  // checksum
  CHECK(p.bad_frames() == 1);
  CHECK(p.feed(bytes("\x02" "1A00BC614E" "\x03")).empty());  // no checksum
  CHECK(p.bad_frames() == 2);
  CHECK(p.feed(bytes("\x02" "1A00BC614G89" "\x03")).empty());  // not hex
  CHECK(p.bad_frames() == 3);
  // A frame cut off by the next STX: the cut one is bad, the next is good (resync on STX).
  CHECK(data_of(p.feed(bytes("\x02" "1A00BC" + tag))) == std::vector<std::string>{"1A00BC614E"});
  CHECK(p.bad_frames() == 4);
  // No ETX for longer than a frame can be: dropped, and the parser waits for the next STX.
  CHECK(p.feed(bytes("\x02" + std::string(max_serial_frame + 5, '1') + "\x03")).empty());
  CHECK(p.bad_frames() == 5);
  CHECK(p.feed(bytes(tag)).size() == 1);
  CHECK(p.bad_frames() == 5);
}
