// ccid: USB CCID bulk messages (PC_to_RDR / RDR_to_PC) and the ACR122U's PN532 and PC/SC
// pseudo-APDUs, as bytes in and values out. Pure; the USB part is drivers/usb/ccid_reader.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "classbook/common/result.hpp"
#include "drivers/card/reader_profile.hpp"

namespace classbook::drivers::ccid {

inline constexpr std::size_t header_size = 10;
inline constexpr std::size_t max_message = 64 * 1024;  // dwLength above this is a broken reply

using Bytes = std::vector<std::uint8_t>;

// PC_to_RDR messages; `seq` is echoed by the reader so replies can be matched.
Bytes icc_power_on(std::uint8_t slot, std::uint8_t seq, std::uint8_t power_select = 0x01);
Bytes icc_power_off(std::uint8_t slot, std::uint8_t seq);
Bytes get_slot_status(std::uint8_t slot, std::uint8_t seq);
Bytes xfr_block(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> apdu);
Bytes escape(std::uint8_t slot, std::uint8_t seq, std::span<const std::uint8_t> command);

enum class IccStatus { active, inactive, absent };
enum class CommandStatus { ok, failed, time_extension };

// A RDR_to_PC message (DataBlock 0x80, SlotStatus 0x81, Escape 0x83, ...).
struct Reply {
  std::uint8_t type = 0, slot = 0, seq = 0, status = 0, error = 0, specific = 0;
  IccStatus icc = IccStatus::absent;
  CommandStatus command = CommandStatus::ok;
  Bytes data;
};
// Parses one complete bulk-IN message; the error says what is wrong (short, dwLength mismatch...).
Result<Reply> parse_reply(std::span<const std::uint8_t> message);

// Interrupt-IN RDR_to_PC_NotifySlotChange for slot 0: present/changed, or none if not that message.
struct SlotChange {
  bool present = false, changed = false;
};
std::optional<SlotChange> parse_notify_slot_change(std::span<const std::uint8_t> message);

// --- ACR122U / PC/SC pseudo-APDUs -----------------------------------------------------------
Bytes apdu_get_uid();                                   // FF CA 00 00 00
Bytes apdu_pn532(std::span<const std::uint8_t> frame);  // FF 00 00 00 Lc D4 ...
Bytes apdu_stop_auto_polling();                         // FF 00 51 00 00
Bytes apdu_set_max_retries();                           // PN532 RFConfiguration item 5 → fast polls
Bytes apdu_list_passive_target();                       // PN532 InListPassiveTarget, 1 target, 106 kbps A
Bytes apdu_get_response(std::uint8_t length);           // FF C0 00 00 xx
// LED/buzzer: FF 00 40 P2 04 T1 T2 REP LINK (ACR122 manual §6.2).
Bytes apdu_led_buzzer(bool red, bool green, int t1_100ms, int t2_100ms, int repeat, bool beep);
// One step of a profile's feedback pattern (duration rounded up to 100 ms; both LEDs end off).
// Whether the reader's reply waits for the step to finish is not documented: pace the steps of a
// pattern by their durations.
Bytes apdu_signal(const Signal& s);

// The R-APDU status word split off: data and SW1SW2. Fails when shorter than 2 bytes.
struct Response {
  Bytes data;
  std::uint16_t sw = 0;
};
Result<Response> split_response(std::span<const std::uint8_t> r_apdu);

// InListPassiveTarget reply data (D5 4B NbTg [Tg ATQA SAK UIDLen UID...]): the UID, or none when no
// card is in the field. Fails on a malformed reply.
Result<std::optional<Bytes>> parse_list_passive_target(std::span<const std::uint8_t> data);

}  // namespace classbook::drivers::ccid
