// Tests of message composition: Cyrillic subject and body survive the trip through encoded-words
// and base64, lines stay within RFC limits, the Date and Message-ID headers, dot-stuffing, addresses.
#include <catch2/catch.hpp>

#include <sstream>

#include "mail/message.hpp"

using namespace classbook;
using namespace classbook::mail;

namespace {

TimePoint at(const char* text) {
  TimePoint t;
  REQUIRE(parse_utc(text, t));
  return t;
}

// The value of a header, unfolded ("\r\n " removed).
std::string header(const std::string& msg, const std::string& name) {
  const auto head = msg.substr(0, msg.find("\r\n\r\n"));
  const auto start = head.find(name + ": ");
  REQUIRE(start != std::string::npos);
  std::string value;
  auto i = start + name.size() + 2;
  for (;;) {
    const auto eol = head.find("\r\n", i);
    value += head.substr(i, eol == std::string::npos ? std::string::npos : eol - i);
    if (eol == std::string::npos || eol + 2 >= head.size() || head[eol + 2] != ' ') break;
    i = eol + 2;
  }
  return value;
}

// Decodes a run of "=?UTF-8?B?...?=" words separated by spaces.
std::string decode_words(const std::string& value) {
  std::string out;
  std::istringstream words(value);
  std::string w;
  while (words >> w) {
    REQUIRE(w.rfind("=?UTF-8?B?", 0) == 0);
    REQUIRE(w.size() > 12);
    REQUIRE(w.substr(w.size() - 2) == "?=");
    std::string part;
    REQUIRE(base64_decode(w.substr(10, w.size() - 12), part));
    out += part;
  }
  return out;
}

MailMessage sample() {
  MailMessage m;
  m.from_address = "journal@school5.example.ru";
  m.from_name = "Школа № 5";
  m.to_address = "olga@example.ru";
  m.subject = "Анна Петрова отсутствует на первом уроке 7 декабря 2026 — длинная тема, чтобы слов было несколько";
  m.body = "Здравствуйте!\n\nАнна Петрова (5А) отмечена отсутствующей.\n.строка с точкой\n";
  m.date = at("2026-12-07T15:04:05Z");
  m.utc_offset_minutes = 180;
  m.message_id = message_id_for("0b9f7e9c-2c8e-4c39-9a53-d3d3f1f0b0a1", m.from_address);
  return m;
}

}  // namespace

TEST_CASE("a Cyrillic subject and body round-trip") {
  const auto m = sample();
  const auto text = compose_message(m);
  const auto subject = header(text, "Subject");
  CHECK(decode_words(subject) == m.subject);
  const auto body_b64 = text.substr(text.find("\r\n\r\n") + 4);
  std::string body;
  REQUIRE(base64_decode(body_b64, body));
  CHECK(body == "Здравствуйте!\r\n\r\nАнна Петрова (5А) отмечена отсутствующей.\r\n.строка с точкой\r\n");
  CHECK(decode_words(header(text, "From").substr(0, header(text, "From").find(" <"))) == "Школа № 5");
  CHECK(header(text, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(header(text, "Content-Transfer-Encoding") == "base64");
  CHECK(header(text, "MIME-Version") == "1.0");
}

TEST_CASE("every line is short, 7-bit and ends in CRLF") {
  const auto text = compose_message(sample());
  std::size_t start = 0;
  while (start < text.size()) {
    const auto eol = text.find("\r\n", start);
    REQUIRE(eol != std::string::npos);
    CHECK(eol - start <= 78);
    for (auto i = start; i < eol; ++i) CHECK(static_cast<unsigned char>(text[i]) < 0x80);
    CHECK(text.substr(start, eol - start).find('\n') == std::string::npos);
    start = eol + 2;
  }
  // Each encoded-word is at most 75 characters and no UTF-8 character is split between two.
  std::istringstream words(header(text, "Subject"));
  std::string w;
  while (words >> w) {
    CHECK(w.size() <= encoded_word_chars);
    std::string part;
    REQUIRE(base64_decode(w.substr(10, w.size() - 12), part));
    CHECK((static_cast<unsigned char>(part.front()) & 0xc0) != 0x80);
  }
}

TEST_CASE("Date is the school's clock, Message-ID the notice's uuid") {
  const auto text = compose_message(sample());
  CHECK(header(text, "Date") == "Mon, 07 Dec 2026 18:04:05 +0300");
  CHECK(header(text, "Message-ID") == "<0b9f7e9c-2c8e-4c39-9a53-d3d3f1f0b0a1@school5.example.ru>");
  CHECK(rfc5322_date(at("2026-01-01T00:30:00Z"), -90) == "Wed, 31 Dec 2025 23:00:00 -0130");
}

TEST_CASE("a plain ASCII subject stays readable - a newline cannot add a header") {
  auto m = sample();
  m.subject = "Marks\r\nBcc: someone@evil.example";
  const auto text = compose_message(m);
  CHECK(header(text, "Subject") == "Marks  Bcc: someone@evil.example");
  CHECK(text.find("\r\nBcc:") == std::string::npos);
}

TEST_CASE("base64 round-trips every length and refuses garbage") {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    std::string back;
    REQUIRE(base64_decode(base64(bytes), back));
    CHECK(back == bytes);
    bytes += static_cast<char>(n * 37);
  }
  CHECK(base64("Ма") == "0JzQsA==");
  std::string out;
  CHECK_FALSE(base64_decode("QUJD*", out));
  CHECK_FALSE(base64_decode("QQ==QQ", out));
}

TEST_CASE("dot-stuffing doubles a leading dot on every line and nothing else") {
  CHECK(dot_stuff(".a\r\nb.c\r\n..d\r\n.") == "..a\r\nb.c\r\n...d\r\n..");
  CHECK(dot_stuff("no dots") == "no dots");
}

TEST_CASE("plausible addresses") {
  CHECK(is_plausible_address("olga.petrova+school@example.ru"));
  CHECK_FALSE(is_plausible_address(""));
  CHECK_FALSE(is_plausible_address("olga"));
  CHECK_FALSE(is_plausible_address("olga@localhost"));
  CHECK_FALSE(is_plausible_address("olga@@example.ru"));
  CHECK_FALSE(is_plausible_address("ol ga@example.ru"));
  CHECK_FALSE(is_plausible_address("ольга@example.ru"));
  CHECK_FALSE(is_plausible_address("olga@example..ru"));
  CHECK_FALSE(is_plausible_address("<olga@example.ru>"));
  CHECK_FALSE(is_plausible_address(std::string(250, 'a') + "@example.ru"));
}
