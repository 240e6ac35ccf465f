// ccid: CCID bulk/interrupt messages and ACS pseudo-APDUs as bytes (USB CCID 1.1 §6; ACR122U API).
#include "drivers/card/ccid.hpp"

#include <algorithm>
#include <cstdio>

namespace classbook::drivers::ccid {
namespace {

constexpr std::uint8_t pc_to_rdr_icc_power_on = 0x62;
constexpr std::uint8_t pc_to_rdr_icc_power_off = 0x63;
constexpr std::uint8_t pc_to_rdr_get_slot_status = 0x65;
constexpr std::uint8_t pc_to_rdr_escape = 0x6B;
constexpr std::uint8_t pc_to_rdr_xfr_block = 0x6F;
constexpr std::uint8_t rdr_to_pc_first = 0x80;  // DataBlock
constexpr std::uint8_t rdr_to_pc_last = 0x84;   // DataRate
constexpr std::uint8_t notify_slot_change = 0x50;
constexpr std::size_t max_apdu_data = 255;     // short APDU: Lc is one byte
constexpr int led_unit_ms = 100;               // T1/T2 are in units of 100 ms

Bytes message(std::uint8_t type, std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> data,
              std::uint8_t b7 = 0) {
  const auto n = static_cast<std::uint32_t>(data.size());
  Bytes out{type,
            static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n >> 16),
            static_cast<std::uint8_t>(n >> 24),
            slot, seq, b7, 0, 0};
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

Error bad(std::string message) { return make_error(Errc::invalid_input, "ccid.reply_malformed", std::move(message)); }

std::string hex8(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", v & 0xFFu);
  return buf;
}

std::uint8_t clamp_byte(int v, int lo) { return static_cast<std::uint8_t>(std::clamp(v, lo, 0xFF)); }

}  // namespace

Bytes icc_power_on(std::uint8_t slot, std::uint8_t seq, std::uint8_t power_select) {
  return message(pc_to_rdr_icc_power_on, slot, seq, {}, power_select);
}
Bytes icc_power_off(std::uint8_t slot, std::uint8_t seq) { return message(pc_to_rdr_icc_power_off, slot, seq, {}); }
Bytes get_slot_status(std::uint8_t slot, std::uint8_t seq) { return message(pc_to_rdr_get_slot_status, slot, seq, {}); }
Bytes xfr_block(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> apdu) {
  return message(pc_to_rdr_xfr_block, slot, seq, apdu);  // bBWI 0, wLevelParameter 0: short APDU level
}
Bytes escape(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> command) {
  return message(pc_to_rdr_escape, slot, seq, command);
}

Result<Reply> parse_reply(std::span<const std::uint8_t> m) {
  if (m.size() < header_size)
    return bad("CCID reply of " + std::to_string(m.size()) + " bytes is shorter than its 10-byte header");
  Reply r;
  r.type = m[0];
  if (r.type < rdr_to_pc_first || r.type > rdr_to_pc_last)
    return bad("CCID message type " + hex8(r.type) + " is not a reader-to-host reply (0x80..0x84)");
  const std::uint32_t length = static_cast<std::uint32_t>(m[1]) | static_cast<std::uint32_t>(m[2]) << 8 |
                               static_cast<std::uint32_t>(m[3]) << 16 | static_cast<std::uint32_t>(m[4]) << 24;
  if (length > max_message)
    return bad("CCID reply claims " + std::to_string(length) + " data bytes, above the 65536 any reader sends");
  if (m.size() - header_size != length)
    return bad("CCID reply says " + std::to_string(length) + " data bytes (dwLength) but carries " +
               std::to_string(m.size() - header_size));
  r.slot = m[5];
  r.seq = m[6];
  r.status = m[7];
  r.error = m[8];
  r.specific = m[9];
  switch (r.status & 0x03) {
    case 0: r.icc = IccStatus::active; break;
    case 1: r.icc = IccStatus::inactive; break;
    case 2: r.icc = IccStatus::absent; break;
    default: return bad("CCID reply bStatus " + hex8(r.status) + " has the reserved ICC status 3");
  }
  switch (r.status >> 6) {
    case 0: r.command = CommandStatus::ok; break;
    case 1: r.command = CommandStatus::failed; break;
    case 2: r.command = CommandStatus::time_extension; break;
    default: return bad("CCID reply bStatus " + hex8(r.status) + " has the reserved command status 3");
  }
  r.data.assign(m.begin() + header_size, m.end());
  return r;
}

std::optional<SlotChange> parse_notify_slot_change(std::span<const std::uint8_t> m) {
  if (m.size() < 2 || m[0] != notify_slot_change) return std::nullopt;
  return SlotChange{(m[1] & 0x01) != 0, (m[1] & 0x02) != 0};
}

Bytes apdu_get_uid() { return {0xFF, 0xCA, 0x00, 0x00, 0x00}; }

Bytes apdu_pn532(std::span<const std::uint8_t> frame) {
  const auto n = std::min(frame.size(), max_apdu_data);  // our own frames are a few bytes
  Bytes out{0xFF, 0x00, 0x00, 0x00, static_cast<std::uint8_t>(n)};
  out.insert(out.end(), frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(n));
  return out;
}

Bytes apdu_stop_auto_polling() { return {0xFF, 0x00, 0x51, 0x00, 0x00}; }

Bytes apdu_set_max_retries() {
  // RFConfiguration (D4 32) item 5 MaxRetries: ATR 0, PSL 1, passive activation 2 → a poll answers
  // at once instead of the default "retry forever".
  static constexpr std::uint8_t frame[] = {0xD4, 0x32, 0x05, 0x00, 0x01, 0x02};
  return apdu_pn532(frame);
}

Bytes apdu_list_passive_target() {
  static constexpr std::uint8_t frame[] = {0xD4, 0x4A, 0x01, 0x00};  // 1 target, 106 kbps type A
  return apdu_pn532(frame);
}

Bytes apdu_get_response(std::uint8_t length) { return {0xFF, 0xC0, 0x00, 0x00, length}; }

Bytes apdu_led_buzzer(bool red, bool green, int t1_100ms, int t2_100ms, int repeat, bool beep) {
  // P2 bits (ACR122U API): 0/1 final red/green state, 2/3 red/green state mask, 4/5 initial
  // red/green blinking state, 6/7 red/green blinking mask. Only a lit LED blinks (else the toggle in
  // T2 would light the other one); both finish off, so a pattern is a series of these. Nothing lit
  // means P2 = 0: the manual's "buzzer only".
  std::uint8_t p2 = 0;
  if (red || green) p2 = 0x0C;  // update both final states, to off
  if (red) p2 |= 0x10 | 0x40;
  if (green) p2 |= 0x20 | 0x80;
  return {0xFF, 0x00, 0x40, p2, 0x04,
          clamp_byte(t1_100ms, 0), clamp_byte(t2_100ms, 0), clamp_byte(repeat, 1),
          static_cast<std::uint8_t>(beep ? 0x01 : 0x00)};  // link: buzzer on during T1
}

Bytes apdu_signal(const Signal& s) {
  const int units = static_cast<int>((s.duration.count() + led_unit_ms - 1) / led_unit_ms);
  return apdu_led_buzzer(s.red, s.green, units, 0, 1, s.beep);
}

Result<Response> split_response(std::span<const std::uint8_t> r) {
  if (r.size() < 2) return bad("R-APDU of " + std::to_string(r.size()) + " bytes has no status word");
  Response out;
  out.data.assign(r.begin(), r.end() - 2);
  out.sw = static_cast<std::uint16_t>(r[r.size() - 2] << 8 | r[r.size() - 1]);
  return out;
}

Result<std::optional<Bytes>> parse_list_passive_target(std::span<const std::uint8_t> d) {
  // D5 4B NbTg [Tg ATQA(2) SAK UIDLen UID... (ATS)]
  constexpr std::size_t uid_at = 8;
  constexpr std::uint8_t max_targets = 2;  // the PN532 handles at most two
  if (d.size() < 3 || d[0] != 0xD5 || d[1] != 0x4B)
    return bad("not an InListPassiveTarget reply: expected D5 4B NbTg, got " + std::to_string(d.size()) + " bytes");
  const auto targets = d[2];
  if (targets == 0) return std::optional<Bytes>{};
  if (targets > max_targets) return bad("InListPassiveTarget reply claims " + std::to_string(targets) + " targets; a PN532 finds at most 2");
  if (d.size() < uid_at) return bad("InListPassiveTarget reply with a target is cut short at " + std::to_string(d.size()) + " bytes");
  const std::size_t uid_len = d[7];
  if (uid_len != 4 && uid_len != 7 && uid_len != 10)
    return bad("InListPassiveTarget reply gives a " + std::to_string(uid_len) + "-byte UID; ISO 14443A UIDs have 4, 7 or 10");
  if (d.size() < uid_at + uid_len)
    return bad("InListPassiveTarget reply ends inside the UID (" + std::to_string(d.size() - uid_at) + " of " +
               std::to_string(uid_len) + " bytes)");
  return std::optional<Bytes>(Bytes(d.begin() + uid_at, d.begin() + static_cast<std::ptrdiff_t>(uid_at + uid_len)));
}

}  // namespace classbook::drivers::ccid
