// fuzz_card_text: any text under any profile format either fails with a message or gives an id of
// upper-case hex that round-trips through the format it came from.
// Input: byte 0 picks text format, byte order and technology; the rest is the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/card/card_id.hpp"

using namespace classbook::drivers;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const UidText texts[] = {UidText::hex, UidText::dec10, UidText::w26};
  const CardTech techs[] = {CardTech::iso14443a, CardTech::em4100, CardTech::unknown};
  const UidFormat f{texts[data[0] % 3], (data[0] >> 2) & 1 ? ByteOrder::reversed : ByteOrder::as_read, techs[(data[0] >> 3) % 3]};
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  auto card = card_from_text(text, f);
  if (!card) {
    check(!card.error().message.empty());
    return 0;
  }
  check(card->tech == f.tech && !card->hex.empty() && card->hex.size() % 2 == 0 && card->hex.size() <= 20);
  for (char c : card->hex) check((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
  switch (f.text) {
    case UidText::hex: {
      auto again = card_from_text(card->hex, UidFormat{UidText::hex, ByteOrder::as_read, f.tech});
      check(again && *again == *card);
      break;
    }
    case UidText::dec10: {
      auto again = card_from_text(dec10(*card, f.order), f);
      check(again && *again == *card);
      break;
    }
    case UidText::w26: {
      auto again = card_from_text(w26(*card, f.order), f);
      check(again && *again == *card);
      break;
    }
  }
  return 0;
}
