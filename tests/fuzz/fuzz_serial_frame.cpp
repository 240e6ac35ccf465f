// fuzz_serial_frame: any byte stream gives the same frames and bad-frame count however it is cut,
// and every frame is 10 upper-case hex digits whose XOR checksum held.
// Input: byte 0 seeds the chunk sizes; the rest is the stream.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "drivers/card/serial_frame.hpp"

using namespace classbook::drivers;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

std::vector<std::string> feed(SerialFrameParser& p, std::span<const std::uint8_t> stream, std::uint32_t seed) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < stream.size()) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t len = seed == 0 ? stream.size() : std::min<std::size_t>(stream.size() - at, 1 + (seed >> 16) % 40);
    for (auto& f : p.feed(stream.subspan(at, len))) out.push_back(f.data_hex);
    at += len;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::span<const std::uint8_t> stream(data + 1, size - 1);
  SerialFrameParser whole, bytewise, chunked;
  std::vector<std::string> a;
  for (auto& f : whole.feed(stream)) a.push_back(f.data_hex);
  std::vector<std::string> b;
  for (std::size_t i = 0; i < stream.size(); ++i)
    for (auto& f : bytewise.feed(stream.subspan(i, 1))) b.push_back(f.data_hex);
  const auto c = feed(chunked, stream, data[0] + 1u);
  check(a == b && a == c);
  check(whole.bad_frames() == bytewise.bad_frames() && whole.bad_frames() == chunked.bad_frames());
  for (const auto& d : a) {
    check(d.size() == 10);
    for (char ch : d) check((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'F'));
  }
  return 0;
}
