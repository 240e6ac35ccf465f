// Tests of JsonWriter: its text must be exactly what boost::json prints for the same values, so
// that the diary written straight to text and every other response read the same to a client.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <climits>
#include <string>

#include "http/json_writer.hpp"

namespace json = boost::json;
using classbook::http::JsonWriter;

namespace {
std::string written_string(std::string_view s) {
  std::string out;
  JsonWriter(out).value(s);
  return out;
}
}  // namespace

TEST_CASE("every ASCII byte is escaped as boost::json escapes it") {
  for (int c = 0; c < 128; ++c) {
    const std::string s = std::string("a") + static_cast<char>(c) + "b";
    INFO("byte " << c);
    CHECK(written_string(s) == json::serialize(json::value(s)));
  }
}

TEST_CASE("UTF-8 text, quotes and backslashes come out as boost::json prints them and parse back") {
  const std::string samples[] = {"", "Петрова Анна", "«ёлка» — 5А", "a\"b\\c/d", "\t\n\r\b\f", std::string("x\0y", 3),
                                 "emoji \xF0\x9F\x93\x9A"};
  for (const auto& s : samples) {
    CHECK(written_string(s) == json::serialize(json::value(s)));
    CHECK(json::parse(written_string(s)).as_string() == s);
  }
}

TEST_CASE("numbers, booleans and null") {
  for (long long n : {0LL, 5LL, -1LL, 1234567890123LL, LLONG_MIN, LLONG_MAX}) {
    std::string out;
    JsonWriter(out).value(n);
    CHECK(out == json::serialize(json::value(n)));
  }
  std::string out;
  JsonWriter(out).array().value(true).value(false).null().value(3).end_array();
  CHECK(out == "[true,false,null,3]");
}

TEST_CASE("nested objects and arrays are separated by commas exactly where JSON needs them") {
  std::string out;
  JsonWriter w(out);
  w.object().field("week", "2026-W48").key("days").array();
  for (int d = 1; d <= 2; ++d) {
    w.object().field("weekday", d).key("lessons").array();
    for (int l = 0; l < d; ++l) w.object().field("period", l + 1).key("marks").array().end_array().key("attendance").null().end_object();
    w.end_array().end_object();
  }
  w.end_array().key("empty").object().end_object().field("ok", true).end_object();

  const json::value expected = json::parse(R"({"week":"2026-W48","days":[
      {"weekday":1,"lessons":[{"period":1,"marks":[],"attendance":null}]},
      {"weekday":2,"lessons":[{"period":1,"marks":[],"attendance":null},{"period":2,"marks":[],"attendance":null}]}],
      "empty":{},"ok":true})");
  CHECK(out == json::serialize(expected));
}

TEST_CASE("long strings are scanned eight bytes at a time and still escape every byte, wherever it is") {
  // Cyrillic and plain filler around each byte that needs escaping, at every offset of a word.
  const std::string fillers[] = {"abcdefgh", "Привет, мир", "\x7f~ !#[]{}"};
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x00", " "};
  for (const auto& filler : fillers)
    for (const auto& special : specials)
      for (std::size_t len = 0; len < 40; ++len)
        for (std::size_t at = 0; at <= len; ++at) {
          std::string s;
          while (s.size() < len) s += filler;
          s.resize(len);
          s.insert(at, special.empty() ? std::string(1, '\0') : special);
          INFO("length " << len << " at " << at);
          REQUIRE(written_string(s) == json::serialize(json::value(s)));
        }
}

TEST_CASE("member names are written as given") {
  std::string out;
  JsonWriter(out).object().field("late_minutes", 7).field("full_name", "Анна").end_object();
  CHECK(out == R"({"late_minutes":7,"full_name":"Анна"})");
}

TEST_CASE("a part rendered once and resumed reads as if written in one go") {
  // A lesson's fixed part ends at its "marks" member, where each pupil's own values continue.
  std::string head;
  JsonWriter(head).object().field("id", "l-1").field("topic", "Дроби").key("marks");
  std::string out;
  JsonWriter w(out);
  w.array();
  for (int pupil_marks = 0; pupil_marks < 3; ++pupil_marks) {
    w.resume(head).array();
    for (int m = 0; m < pupil_marks; ++m) w.value(5);
    w.end_array().key("attendance").null().end_object();
  }
  w.end_array();
  const json::value expected = json::parse(R"([{"id":"l-1","topic":"Дроби","marks":[],"attendance":null},
      {"id":"l-1","topic":"Дроби","marks":[5],"attendance":null},
      {"id":"l-1","topic":"Дроби","marks":[5,5],"attendance":null}])");
  CHECK(out == json::serialize(expected));
}

TEST_CASE("member names longer than the one-append buffer are written the same way") {
  const std::string name(100, 'k');
  std::string out;
  JsonWriter(out).object().field("a", 1).field(name, 2).end_object();
  CHECK(out == json::serialize(json::value{{"a", 1}, {name, 2}}));
}
