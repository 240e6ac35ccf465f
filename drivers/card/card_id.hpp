// card_id: the one identity of a card, whatever reader read it. Pure: no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::drivers {

enum class CardTech {
  unknown,
  iso14443a,  // MIFARE and friends: 4-, 7- or 10-byte UID
  em4100,     // 125 kHz "EM-Marine": 5 bytes (version/customer + 32-bit id)
};
const char* to_string(CardTech t);

// Canonical form (docs/card-identity.md says why): upper-case hex of the identifying bytes in the
// order they travel over the air. What the kiosk sends to the server as `card`.
struct CardId {
  std::string hex;
  CardTech tech = CardTech::unknown;
  friend bool operator==(const CardId&, const CardId&) = default;
};

// How a reader writes a number (wedge keyboard text, serial frame payload, CCID UID bytes).
enum class UidText { hex, dec10, w26 };  // "E37A5C1D" | "3816447005" | "122,23581"
enum class ByteOrder { as_read, reversed };  // reversed: the reader gives the UID LSB first
struct UidFormat {
  UidText text = UidText::hex;
  ByteOrder order = ByteOrder::as_read;
  CardTech tech = CardTech::iso14443a;
};

// UID bytes as a reader delivered them → CardId (undoing the reader's byte order).
CardId card_from_bytes(std::span<const std::uint8_t> bytes, ByteOrder order, CardTech tech);

// Text a reader typed or framed → CardId by the profile's format. The error says what was wrong
// ("'12AZ' is not hex", "3 digits; a dec10 reader sends 10").
Result<CardId> card_from_text(std::string_view text, const UidFormat& format);

// Printed forms, for showing a card and for matching cards enrolled from the number on them.
std::string dec10(const CardId& card, ByteOrder order);  // 10 digits of 4 bytes; "" when not derivable
std::string w26(const CardId& card, ByteOrder order);    // "FFF,CCCCC" from the low 24 bits

// Wiegand-26 frames: even parity | facility (8) | card (16) | odd parity.
std::uint32_t wiegand26_frame(int facility, int card_number);
struct Wiegand26 {
  int facility = 0;
  int card_number = 0;
};
Result<Wiegand26> parse_wiegand26(std::uint32_t frame);  // fails on a parity error

}  // namespace classbook::drivers
