// fuzz_request: raw bytes → Beast's request parser → target and query → strict JSON mapping of every
// route's body → the text parsers the use cases apply. Nothing here may crash, hang or leak.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/writes.hpp"
#include "classbook/common/clock.hpp"
#include "domain/attendance.hpp"
#include "domain/calendar.hpp"
#include "http/json_in.hpp"
#include "http/server.hpp"

namespace {

using namespace classbook;

void exercise_fields(const boost::json::object& obj, std::initializer_list<std::string_view> known) {
  auto f = http::Fields::of(obj, known);
  if (!f) return;
  for (auto k : known) {
    (void)f->string(k);
    (void)f->optional_integer(k);
    (void)f->optional_boolean(k);
    if (auto s = f->optional_string(k); s && *s) {
      std::size_t n = 0;
      (void)app::utf8_length(**s, n);
      (void)app::normalise_card(**s);
      (void)domain::parse_date(**s);
      (void)domain::parse_iso_week(**s);
      (void)domain::parse_presence(**s);
      TimePoint t;
      (void)parse_utc(**s, t);
    }
  }
}

void exercise_body(std::string_view body) {
  auto obj = http::parse_object(body);
  if (!obj) return;
  // The field lists of every route that takes a body (server/http/api.cpp).
  exercise_fields(*obj, {"login", "password"});
  exercise_fields(*obj, {"tap_id", "card", "reader", "at"});
  exercise_fields(*obj, {"student_id", "lesson_id", "value", "work_type", "comment"});
  exercise_fields(*obj, {"value", "work_type", "comment", "reason"});
  exercise_fields(*obj, {"topic", "homework"});
  exercise_fields(*obj, {"from", "to", "reason", "comment"});
  exercise_fields(*obj, {"old_password", "new_password"});
  if (auto it = obj->find("students"); it != obj->end() && it->value().is_array())
    for (const auto& item : it->value().as_array())
      if (item.is_object()) exercise_fields(item.as_object(), {"student_id", "status", "late_minutes"});
  if (auto it = obj->find("homework"); it != obj->end() && it->value().is_array())
    for (const auto& item : it->value().as_array())
      if (item.is_object()) exercise_fields(item.as_object(), {"id", "text", "mandatory", "due_date"});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The body alone, as JSON: most of the interesting structure lives there.
  exercise_body(input);

  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.body_limit(classbook::http::body_limit);
  parser.header_limit(static_cast<std::uint32_t>(classbook::http::header_limit));
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
  (void)used;
  if (ec || !parser.is_header_done()) return 0;
  const auto& req = parser.get();
  if (auto target = boost::urls::parse_origin_form(req.target())) {
    for (auto seg : target->segments()) (void)seg.size();
    for (auto p : target->params()) {
      (void)domain::parse_iso_week(p.value);
      (void)p.key.size();
    }
  }
  if (parser.is_done()) exercise_body(req.body());
  return 0;
}
