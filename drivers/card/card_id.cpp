// card_id: reader output (bytes or text) → the canonical CardId, and the printed forms back.
#include "drivers/card/card_id.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

namespace classbook::drivers {
namespace {

constexpr std::size_t em4100_id_bytes = 4;     // the 32-bit id; the version byte is dropped (see doc)
constexpr std::size_t max_uid_bytes = 10;      // ISO 14443-3 triple-size UID
constexpr std::size_t dec10_digits = 10;       // 2^32 - 1 = 4294967295
constexpr std::uint64_t max_dec10 = 0xFFFFFFFFull;
constexpr int max_facility = 0xFF;
constexpr int max_card_number = 0xFFFF;

std::string hex_of(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0x0F];
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// For messages: the text as typed, cut short so a noise burst does not flood the log.
std::string quoted(std::string_view s) {
  constexpr std::size_t shown = 24;
  return "'" + std::string(s.substr(0, shown)) + (s.size() > shown ? "…" : "") + "'";
}

Error bad(std::string message) { return make_error(Errc::invalid_input, "card.id_malformed", std::move(message)); }

std::vector<std::uint8_t> bytes_of(const CardId& card) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < card.hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(hex_value(card.hex[i]) << 4 | hex_value(card.hex[i + 1])));
  return out;
}

// The value a reader prints for a 3- or 4-byte id: the bytes in the reader's order, big-endian.
std::optional<std::uint32_t> printed_value(const CardId& card, ByteOrder order) {
  auto bytes = bytes_of(card);
  if (bytes.size() != 4 && bytes.size() != 3) return std::nullopt;
  if (order == ByteOrder::reversed) std::reverse(bytes.begin(), bytes.end());
  std::uint32_t v = 0;
  for (auto b : bytes) v = v << 8 | b;
  return v;
}

std::vector<std::uint8_t> be_bytes(std::uint32_t v, std::size_t n) {
  std::vector<std::uint8_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[n - 1 - i] = static_cast<std::uint8_t>(v >> (8 * i));
  return out;
}

Result<std::vector<std::uint8_t>> parse_hex(std::string_view s, CardTech tech) {
  for (char c : s)
    if (hex_value(c) < 0) return bad(quoted(s) + " is not hex: '" + std::string(1, c) + "' is not 0-9 or A-F");
  if (s.size() % 2 != 0) return bad(quoted(s) + " has " + std::to_string(s.size()) + " hex digits; a card id has two per byte");
  const auto n = s.size() / 2;
  if (tech == CardTech::iso14443a && n != 4 && n != 7 && n != 10)
    return bad(quoted(s) + " has " + std::to_string(s.size()) + " hex digits; a MIFARE (ISO 14443A) UID has 8, 14 or 20");
  if (tech == CardTech::em4100 && n != 4 && n != 5)
    return bad(quoted(s) + " has " + std::to_string(s.size()) + " hex digits; an EM4100 id has 8, or 10 with the version byte");
  if (tech == CardTech::unknown && (n == 0 || n > max_uid_bytes))
    return bad(quoted(s) + " has " + std::to_string(s.size()) + " hex digits; a card id has 2 to 20");
  std::vector<std::uint8_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(hex_value(s[2 * i]) << 4 | hex_value(s[2 * i + 1]));
  return out;
}

Result<std::vector<std::uint8_t>> parse_dec10(std::string_view s) {
  if (!all_digits(s)) return bad(quoted(s) + " is not a decimal card number (digits only)");
  if (s.size() != dec10_digits)
    return bad(std::to_string(s.size()) + " digits; a dec10 reader sends " + std::to_string(dec10_digits) + " (" + quoted(s) + ")");
  std::uint64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  if (v > max_dec10) return bad(quoted(s) + " is above 4294967295, the largest 4-byte card number");
  return be_bytes(static_cast<std::uint32_t>(v), 4);
}

Result<std::vector<std::uint8_t>> parse_w26(std::string_view s) {
  const auto comma = s.find(',');
  if (comma == std::string_view::npos) return bad(quoted(s) + " is not a W26 number: expected 'FFF,CCCCC'");
  const auto fc = s.substr(0, comma), cn = s.substr(comma + 1);
  if (fc.empty() || cn.empty() || fc.size() > 3 || cn.size() > 5 || !all_digits(fc) || !all_digits(cn))
    return bad(quoted(s) + " is not a W26 number: expected 'FFF,CCCCC' (up to 3 and 5 digits)");
  int facility = 0, number = 0;
  std::from_chars(fc.data(), fc.data() + fc.size(), facility);
  std::from_chars(cn.data(), cn.data() + cn.size(), number);
  if (facility > max_facility) return bad(quoted(s) + ": facility " + std::to_string(facility) + " is above 255");
  if (number > max_card_number) return bad(quoted(s) + ": card number " + std::to_string(number) + " is above 65535");
  return be_bytes(static_cast<std::uint32_t>(facility) << 16 | static_cast<std::uint32_t>(number), 3);
}

int parity(std::uint32_t v) { return __builtin_popcount(v) & 1; }

}  // namespace

const char* to_string(CardTech t) {
  switch (t) {
    case CardTech::iso14443a: return "iso14443a";
    case CardTech::em4100: return "em4100";
    case CardTech::unknown: break;
  }
  return "unknown";
}

CardId card_from_bytes(std::span<const std::uint8_t> bytes, ByteOrder order, CardTech tech) {
  std::vector<std::uint8_t> air(bytes.begin(), bytes.end());
  if (order == ByteOrder::reversed) std::reverse(air.begin(), air.end());
  // EM4100 sends the version byte first, then the 32-bit id MSB first: keep the id (the printed
  // number) so 5-byte frames and 4-byte decimal readers agree.
  if (tech == CardTech::em4100 && air.size() > em4100_id_bytes)
    air.erase(air.begin(), air.end() - static_cast<std::ptrdiff_t>(em4100_id_bytes));
  return CardId{hex_of(air), tech};
}

Result<CardId> card_from_text(std::string_view text, const UidFormat& format) {
  const auto s = trim(text);
  if (s.empty()) return bad("the reader sent an empty card number");
  auto bytes = format.text == UidText::dec10 ? parse_dec10(s)
               : format.text == UidText::w26 ? parse_w26(s)
                                             : parse_hex(s, format.tech);
  if (!bytes) return bytes.error();
  return card_from_bytes(*bytes, format.order, format.tech);
}

std::string dec10(const CardId& card, ByteOrder order) {
  if (card.hex.size() != 8) return "";
  const auto v = printed_value(card, order);
  if (!v) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%010u", static_cast<unsigned>(*v));
  return buf;
}

std::string w26(const CardId& card, ByteOrder order) {
  const auto v = printed_value(card, order);
  if (!v) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03u,%05u", static_cast<unsigned>(*v >> 16 & 0xFF), static_cast<unsigned>(*v & 0xFFFF));
  return buf;
}

std::uint32_t wiegand26_frame(int facility, int card_number) {
  const std::uint32_t data = static_cast<std::uint32_t>(facility & max_facility) << 16 |
                             static_cast<std::uint32_t>(card_number & max_card_number);
  const std::uint32_t even = parity(data >> 12 & 0xFFF);       // makes the first 13 bits even
  const std::uint32_t odd = parity(data & 0xFFF) ^ 1u;          // makes the last 13 bits odd
  return even << 25 | data << 1 | odd;
}

Result<Wiegand26> parse_wiegand26(std::uint32_t frame) {
  if (frame >> 26) return bad("a Wiegand-26 frame has 26 bits; this one has more");
  const std::uint32_t data = frame >> 1 & 0xFFFFFF;
  if ((parity(frame >> 13 & 0x1FFF)) != 0) return bad("Wiegand-26 even parity (first 13 bits) does not check: a misread");
  if ((parity(frame & 0x1FFF)) != 1) return bad("Wiegand-26 odd parity (last 13 bits) does not check: a misread");
  return Wiegand26{static_cast<int>(data >> 16), static_cast<int>(data & 0xFFFF)};
}

}  // namespace classbook::drivers
