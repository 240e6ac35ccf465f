// message: composing a notice as an RFC 5322 / MIME message.
#include "mail/message.hpp"

#include <chrono>
#include <cstdio>

namespace classbook::mail {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view word_prefix = "=?UTF-8?B?";
constexpr std::string_view word_suffix = "?=";

bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Bytes of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

// Header lines must not carry a bare CR or LF: a value with one would start a header of its own.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

}  // namespace

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  const auto flat = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < flat.size(); i += base64_line_chars) out += flat.substr(i, base64_line_chars) + "\r\n";
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.clear();
  unsigned v = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\r' || c == '\n' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) return false;  // data after the padding
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else return false;
    v = (v << 6) | static_cast<unsigned>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return true;
}

std::string encode_header_text(std::string_view utf8) {
  const auto text = one_line(utf8);
  if (plain_ascii(text)) return text;
  // Each word carries whole UTF-8 sequences: 39 bytes make 52 base64 characters, 64 with the
  // wrapper — under encoded_word_chars, and the first line with "Subject: " before it under RFC
  // 5322's 78.
  constexpr std::size_t max_bytes = 39;
  static_assert(max_bytes / 3 * 4 + word_prefix.size() + word_suffix.size() <= encoded_word_chars);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const auto len = sequence_length(static_cast<unsigned char>(text[end]));
      if (end + len - i > max_bytes) break;
      end += len;
    }
    if (end == i) end = i + 1;  // cannot happen with valid UTF-8; never loop forever
    if (!out.empty()) out += "\r\n ";  // folded: the space between encoded-words is not shown
    out += std::string(word_prefix) + base64(std::string_view(text).substr(i, end - i)) + std::string(word_suffix);
    i = end;
  }
  return out;
}

std::string rfc5322_date(TimePoint t, int utc_offset_minutes) {
  static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto local = std::chrono::floor<std::chrono::seconds>(t) + std::chrono::minutes(utc_offset_minutes);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  const std::chrono::weekday wd(day);
  const int off = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %d %02d:%02d:%02d %c%02d%02d", days[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                utc_offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string message_id_for(std::string_view notice_uuid, std::string_view from_address) {
  const auto at = from_address.rfind('@');
  const auto domain = at == std::string_view::npos ? std::string_view("classbook.local") : from_address.substr(at + 1);
  return std::string(notice_uuid) + "@" + std::string(domain);
}

std::string compose_message(const MailMessage& m) {
  std::string from = "<" + one_line(m.from_address) + ">";
  if (!m.from_name.empty()) from = encode_header_text(m.from_name) + " " + from;
  std::string body;
  for (char c : m.body) {
    if (c == '\r') continue;
    if (c == '\n') body += "\r\n";
    else body += c;
  }
  std::string out;
  out += "From: " + from + "\r\n";
  out += "To: <" + one_line(m.to_address) + ">\r\n";
  out += "Subject: " + encode_header_text(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.date, m.utc_offset_minutes) + "\r\n";
  out += "Message-ID: <" + one_line(m.message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies to the school
  out += "\r\n";
  out += base64_lines(body);
  return out;
}

std::string dot_stuff(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  return out;
}

bool is_plausible_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  const auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || a.find('@', at + 1) != std::string_view::npos) return false;
  if (at > 64) return false;
  const auto domain = a.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return false;
  for (unsigned char c : a)
    if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
        c == ':' || c == '\\' || c == '"' || c == '[' || c == ']')
      return false;
  return true;
}

}  // namespace classbook::mail
