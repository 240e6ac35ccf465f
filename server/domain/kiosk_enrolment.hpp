// kiosk_enrolment: the kiosk's modes and the one-time enrolment code as people read and type it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace classbook::domain {

// entrance: taps at the door; hall: a pupil's diary behind a PIN; desk: a reader on the office's
// desk whose taps are no entrance — each card goes to the office's open pages (to give it to a pupil).
enum class KioskMode { entrance, hall, desk };
const char* to_string(KioskMode m);
std::optional<KioskMode> parse_kiosk_mode(std::string_view text);

constexpr std::size_t enrolment_code_length = 12;  // ~59 bits from 31 symbols
constexpr std::size_t enrolment_code_group = 4;    // "7KQ2-9XHM-3PLA"
// Digits and capitals without the look-alikes 0/O and 1/I/L.
constexpr std::string_view enrolment_code_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

// A code from random bytes, one symbol per byte; bytes that would bias the choice are skipped.
// None when the bytes ran out before the code was complete (ask for more and try again).
std::optional<std::string> enrolment_code_from_bytes(const std::vector<std::uint8_t>& random);
// "7KQ29XHM3PLA" → "7KQ2-9XHM-3PLA".
std::string group_enrolment_code(std::string_view code);
// What an admin typed, as the code it stands for: case, spaces and dashes do not matter. None when
// it cannot be a code (wrong length, a symbol outside the alphabet).
std::optional<std::string> normalise_enrolment_code(std::string_view typed);

}  // namespace classbook::domain
