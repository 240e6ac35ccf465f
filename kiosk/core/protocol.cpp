// protocol: parsing is forgiving about extra fields and strict about the ones the kiosk relies on.
#include "kiosk/core/protocol.hpp"

#include <boost/json.hpp>

namespace classbook::kiosk {
namespace json = boost::json;
namespace {

std::optional<json::object> parse_object(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string str(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object* obj(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_object() ? &v->as_object() : nullptr;
}

Error garbled(const char* what) {
  return make_error(Errc::unavailable, "uplink.answer_not_understood", std::string("the server's answer to ") + what +
                                           " is not what this kiosk understands; update the kiosk or the box");
}

// The school's name, whether the box sends it as text or as {"name": ...}.
std::string school_name(const json::object& o) {
  const auto* v = o.if_contains("school");
  if (v && v->is_string()) return std::string(v->as_string());
  if (v && v->is_object()) return str(v->as_object(), "name");
  return {};
}

// "+03:00" as the box writes it; whole minutes are accepted too.
std::optional<int> offset_minutes(const json::value* v) {
  if (!v) return std::nullopt;
  if (v->is_int64()) return static_cast<int>(v->as_int64());
  if (!v->is_string()) return std::nullopt;
  const auto s = std::string(v->as_string());
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  for (int i : {1, 2, 4, 5})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int m = ((s[1] - '0') * 10 + (s[2] - '0')) * 60 + (s[4] - '0') * 10 + (s[5] - '0');
  return s[0] == '-' ? -m : m;
}

}  // namespace

const char* to_string(Reply::Kind k) {
  switch (k) {
    case Reply::Kind::answered: return "answered";
    case Reply::Kind::refused: return "refused";
    case Reply::Kind::server_error: return "server error";
    case Reply::Kind::unreachable: return "unreachable";
  }
  return "unreachable";
}

Reply reply_from_http(int status, std::string body) {
  Reply r;
  r.status = status;
  r.kind = status >= 200 && status < 300 ? Reply::Kind::answered
         : status >= 500                 ? Reply::Kind::server_error
                                         : Reply::Kind::refused;
  if (r.kind != Reply::Kind::answered) {
    if (auto o = parse_object(body); o)
      if (const auto* e = obj(*o, "error")) {
        r.code = str(*e, "code");
        r.message = str(*e, "message");
      }
    if (r.message.empty()) r.message = "the server answered HTTP " + std::to_string(status);
  }
  r.body = std::move(body);
  return r;
}

Reply unreachable_reply(std::string why) {
  Reply r;
  r.kind = Reply::Kind::unreachable;
  r.message = std::move(why);
  return r;
}

std::string Reply::header(std::string_view lower_case_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_case_name) return value;
  return {};
}

bool reached_server(const Reply& r) { return r.kind != Reply::Kind::unreachable; }

bool kiosk_not_authorised(const Reply& r) {
  return r.kind == Reply::Kind::refused &&
         (r.status == 401 || r.code == "kiosk_revoked" || r.code == "kiosk_certificate_required");
}

Result<Hello> read_hello(const std::string& body) {
  auto o = parse_object(body);
  if (!o) return garbled("hello");
  Hello h;
  if (const auto* k = obj(*o, "kiosk")) {
    h.kiosk_name = str(*k, "name");
    h.mode = str(*k, "mode");
  }
  h.school = school_name(*o);
  h.server_time = str(*o, "server_time");
  h.utc_offset_minutes = offset_minutes(o->if_contains("utc_offset"));
  return h;
}

std::string tap_body(const SpooledTap& t) {
  return json::serialize(json::object{{"tap_id", t.tap_id},
                                      {"card", t.tap.card},
                                      {"reader", t.tap.reader},
                                      {"at", t.tap.at},
                                      {"direction", to_string(t.tap.direction)}});
}

Result<TapAnswer> read_tap_answer(const std::string& body) {
  auto o = parse_object(body);
  if (!o) return garbled("a tap");
  TapAnswer a;
  a.result = str(*o, "result");
  if (a.result == "duplicate") {
    a.duplicate = true;
    a.result = str(*o, "original");
  }
  a.at = str(*o, "at");
  a.anomaly = str(*o, "anomaly");
  if (const auto* s = obj(*o, "student")) {
    a.name = str(*s, "name");
    a.class_name = str(*s, "class");
  }
  if (a.result.empty() && a.duplicate) a.result = a.name.empty() ? "unknown_card" : "in";
  // "desk": the tap came from the office's reader; the box wrote no attendance and passed the card
  // to the secretary's page. The kiosk learns its desk role from this answer, not from its config.
  if (a.result != "in" && a.result != "out" && a.result != "unknown_card" && a.result != "desk")
    return garbled("a tap");
  return a;
}

std::string diary_body(const DiaryQuery& q) {
  json::object o;
  if (!q.card.empty()) o["card"] = q.card;
  if (!q.qr.empty()) o["qr"] = q.qr;
  o["pin"] = q.pin;
  if (!q.week.empty()) o["week"] = q.week;
  return json::serialize(o);
}

Result<DiaryAnswer> read_diary_answer(const std::string& body) {
  auto o = parse_object(body);
  if (!o) return garbled("a diary request");
  DiaryAnswer a;
  const auto* s = obj(*o, "student");
  const auto* d = o->if_contains("diary");
  if (!s || !d) return garbled("a diary request");
  a.name = str(*s, "name");
  a.class_name = str(*s, "class");
  a.week = str(*o, "week");
  a.diary_json = json::serialize(*d);
  return a;
}

Result<ExtractAnswer> read_extract_answer(Reply reply) {
  // A PDF begins so (ISO 32000 7.5.2); anything else (an HTML error page of a proxy) is not one.
  if (reply.kind != Reply::Kind::answered || reply.body.rfind("%PDF-", 0) != 0) return garbled("an extract request");
  ExtractAnswer a;
  a.pdf = std::move(reply.body);
  const auto left = reply.header(prints_left_header);
  if (!left.empty() && left.size() < 6 && left.find_first_not_of("0123456789") == std::string::npos)
    a.prints_left = std::stoi(left);
  return a;
}

int attempts_left(const std::string& error_body) {
  auto o = parse_object(error_body);
  if (!o) return -1;
  for (const json::object* where : {static_cast<const json::object*>(&*o), obj(*o, "error")})
    if (where)
      if (const auto* v = where->if_contains("attempts_left"); v && v->is_int64()) return static_cast<int>(v->as_int64());
  return -1;
}

std::string locked_until(const std::string& error_body) {
  auto o = parse_object(error_body);
  if (!o) return {};
  if (auto s = str(*o, "locked_until"); !s.empty()) return s;
  if (const auto* e = obj(*o, "error")) return str(*e, "locked_until");
  return {};
}

std::string enrol_body(const std::string& code, const std::string& csr) {
  return json::serialize(json::object{{"code", code}, {"csr", csr}});
}

Result<EnrolAnswer> read_enrol_answer(const std::string& body) {
  auto o = parse_object(body);
  if (!o) return garbled("enrolment");
  EnrolAnswer a;
  if (const auto* k = obj(*o, "kiosk")) {
    a.kiosk_name = str(*k, "name");
    a.mode = str(*k, "mode");
  }
  a.school = school_name(*o);
  a.certificate = str(*o, "certificate");
  a.ca = str(*o, "ca");
  if (a.certificate.empty() || a.ca.empty()) return garbled("enrolment");
  return a;
}

}  // namespace classbook::kiosk
