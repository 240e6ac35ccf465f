// message: a notice as an RFC 5322 message — UTF-8 throughout, the subject as an RFC 2047
// encoded-word, the body base64 (so no line is too long and no byte is 8-bit on the wire).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/clock.hpp"

namespace classbook::mail {

constexpr std::size_t base64_line_chars = 76;   // RFC 2045's limit for encoded lines
constexpr std::size_t encoded_word_chars = 75;  // RFC 2047's limit for one encoded-word

struct MailMessage {
  std::string from_address;  // "school@example.org"
  std::string from_name;     // "Школа № 5" ("" for none)
  std::string to_address;
  std::string subject;       // UTF-8
  std::string body;          // UTF-8, '\n' line ends
  TimePoint date;
  int utc_offset_minutes = 0;  // the school's: the Date header reads as the school's clock
  std::string message_id;      // without angle brackets: "<uuid>@<domain>"
};

// The whole message, CRLF line ends, ready for DATA (before dot-stuffing).
std::string compose_message(const MailMessage& m);
// "<uuid>@<domain of from_address>" — the same notice always gets the same id, so a resend after a
// crash is recognisable as the same message.
std::string message_id_for(std::string_view notice_uuid, std::string_view from_address);
// RFC 5322 date: "Mon, 07 Dec 2026 18:00:00 +0300".
std::string rfc5322_date(TimePoint t, int utc_offset_minutes);
// A header value as encoded-words when it holds anything but printable ASCII; split so that no
// word passes encoded_word_chars and no UTF-8 sequence is cut.
std::string encode_header_text(std::string_view utf8);
std::string base64(std::string_view bytes);
// Base64 in lines of base64_line_chars, each ended with CRLF.
std::string base64_lines(std::string_view bytes);
// Inverse of base64; whitespace is skipped; false on any other character that is not base64.
bool base64_decode(std::string_view text, std::string& out);
// SMTP's transparency (RFC 5321 4.5.2): a line that starts with '.' gets one more.
std::string dot_stuff(std::string_view text);
// A plausible address: one '@', a local part and a domain with a dot, printable ASCII only (the
// relay is not asked for SMTPUTF8), no spaces or brackets, at most 254 characters. Not a promise that the mailbox exists (only the relay knows that).
bool is_plausible_address(std::string_view address);

}  // namespace classbook::mail
