// fuzz_hid_report: any sequence of HID reports and times → reads only of printable ASCII, never
// longer than max_wedge_read, and card_from_text on them either fails or gives upper-case hex.
// Input: byte 0 picks terminator and key gap; then records of [time step ms][length 0..15][report].
#include <cstdint>
#include <cstdlib>
#include <string>

#include "drivers/card/card_id.hpp"
#include "drivers/card/hid_keyboard.hpp"

using namespace classbook;
using namespace classbook::drivers;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_read(const std::string& text) {
  check(!text.empty() && text.size() <= max_wedge_read);
  for (char c : text) check(c >= 0x20 && c <= 0x7E);
  for (auto t : {UidText::hex, UidText::dec10, UidText::w26}) {
    auto card = card_from_text(text, UidFormat{t, ByteOrder::reversed, CardTech::iso14443a});
    if (!card) continue;
    check(!card->hex.empty() && card->hex.size() % 2 == 0);
    for (char c : card->hex) check((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Terminator terminators[] = {Terminator::enter, Terminator::tab, Terminator::none};
  HidKeyboardDecoder decoder(KeyboardLayout::us, terminators[data[0] % 3], std::chrono::milliseconds(10 + (data[0] >> 2)));
  TimePoint at{std::chrono::milliseconds(1'800'000'000'000)};
  std::size_t i = 1;
  while (i + 2 <= size) {
    at += std::chrono::milliseconds(data[i]);
    const std::size_t len = data[i + 1] & 0x0F;
    i += 2;
    if (i + len > size) break;
    if (auto text = decoder.feed(std::span<const std::uint8_t>(data + i, len), at)) check_read(*text);
    if (auto text = decoder.flush(at + std::chrono::milliseconds(data[i - 2]))) check_read(*text);
    i += len;
  }
  if (auto text = decoder.flush(at + std::chrono::hours(1))) check_read(*text);
  return 0;
}
