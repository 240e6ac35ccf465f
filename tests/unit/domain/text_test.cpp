// Tests of the UTF-8 checks behind every "at most N characters" rule: counting, strictness, blankness.
#include <catch2/catch.hpp>

#include <string>

#include "domain/text.hpp"

using namespace classbook::domain;

TEST_CASE("length counts code points, not bytes") {
  CHECK(utf8_length("") == 0u);
  CHECK(utf8_length("abc") == 3u);
  CHECK(utf8_length("Иванов") == 6u);            // 12 bytes
  CHECK(utf8_length("\xE2\x82\xAC") == 1u);      // € U+20AC
  CHECK(utf8_length("\xF0\x9F\x98\x80") == 1u);  // 😀 U+1F600
  CHECK(utf8_length("a" "\xD0\xB9" "\xE2\x82\xAC" "\xF0\x9F\x98\x80") == 4u);
  CHECK(utf8_length(std::string_view("a\0b", 3)) == 3u);  // NUL is a character like any other
}

TEST_CASE("the edges of each sequence length are accepted") {
  for (const char* ok : {"\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                         "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"}) {
    INFO(std::string(ok).size());
    CHECK(utf8_length(ok) == 1u);
  }
}

TEST_CASE("malformed UTF-8 has no length") {
  const char* bad[] = {
      "\x80",                  // a continuation byte alone
      "\xBF",                  //
      "\xC0\x80",              // overlong NUL
      "\xC1\xBF",              // overlong U+007F
      "\xE0\x9F\xBF",          // overlong U+07FF
      "\xF0\x8F\xBF\xBF",      // overlong U+FFFF
      "\xED\xA0\x80",          // U+D800, a surrogate
      "\xED\xBF\xBF",          // U+DFFF, a surrogate
      "\xF4\x90\x80\x80",      // U+110000, beyond Unicode
      "\xF8\x88\x80\x80\x80",  // five-byte form
      "\xFE",                  //
      "\xFF",                  //
      "\xD0",                  // truncated two-byte sequence
      "\xE2\x82",              // truncated three-byte sequence
      "\xF0\x9F\x98",          // truncated four-byte sequence
      "\xD0" "A",              // lead byte followed by ASCII
      "ok" "\xE2\x82" "ok",    // truncated in the middle
  };
  for (const char* b : bad) {
    INFO(std::string(b).size());
    CHECK_FALSE(utf8_length(b));
  }
}

TEST_CASE("blank means only white space") {
  CHECK(is_blank(""));
  CHECK(is_blank(" "));
  CHECK(is_blank(" \t\r\n\v\f"));
  CHECK(is_blank("\xC2\xA0"));          // no-break space
  CHECK(is_blank("\xE3\x80\x80"));      // ideographic space
  CHECK(is_blank("\xE2\x80\x80"));      // U+2000, first of the typographic spaces
  CHECK(is_blank("\xE2\x80\x8A"));      // U+200A, last of them
  CHECK(is_blank("\xE2\x80\xA8"));      // line separator
  CHECK_FALSE(is_blank("\xE2\x80\x8B"));  // U+200B zero-width space is not White_Space
  CHECK_FALSE(is_blank("\xE1\xBF\xBF"));  // U+1FFF, just before the spaces
  CHECK_FALSE(is_blank(" a "));
  CHECK_FALSE(is_blank("."));
  CHECK_FALSE(is_blank(std::string_view("\0", 1)));
  CHECK_FALSE(is_blank("\xFF"));   // not text at all
  CHECK_FALSE(is_blank(" \xC2"));  // white space then a broken sequence
}
