// protocol: the kiosk's side of docs/kiosk-protocol.md as plain values — request bodies out,
// answers in. Pure (Boost.JSON only); the uplink moves the bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classbook/common/result.hpp"
#include "kiosk/core/tap.hpp"

namespace classbook::kiosk {

namespace path {
inline constexpr const char* hello = "/api/v1/kiosk/hello";
inline constexpr const char* taps = "/api/v1/taps";
inline constexpr const char* diary = "/api/v1/kiosk/diary";
inline constexpr const char* diary_extract = "/api/v1/kiosk/diary-extract";
inline constexpr const char* enrol = "/api/v1/kiosks/enrol";
}  // namespace path

// Sent with hello and every tap: how many taps wait in this kiosk's spool, so the administrator's
// page shows a kiosk that cannot get its taps out. A box that does not know it ignores it.
inline constexpr const char* spool_depth_header = "Classbook-Spool-Depth";

// What came back for one request, whatever it was.
struct Reply {
  enum class Kind {
    answered,      // 2xx
    refused,       // 4xx: the server read the request and said no (`code`, `message`)
    server_error,  // 5xx: the server is there but failing; try again later
    unreachable,   // no HTTP answer: connect, TLS, time-out; `message` says which
  };
  Kind kind = Kind::unreachable;
  int status = 0;
  std::string body;
  std::string code;     // the server's error.code
  std::string message;  // the server's error.message, or what failed on the way
  // The answer's headers, names in lower case (only an extract's answer needs any).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string header(std::string_view lower_case_name) const;  // "" when absent
};
const char* to_string(Reply::Kind k);
Reply reply_from_http(int status, std::string body);
Reply unreachable_reply(std::string why);
bool reached_server(const Reply& r);  // any HTTP answer at all

// Codes after which this kiosk cannot speak for itself until it is enrolled (again).
bool kiosk_not_authorised(const Reply& r);

struct Hello {
  std::string kiosk_name;
  std::string mode;
  std::string school;
  std::string server_time;
  std::optional<int> utc_offset_minutes;
};
Result<Hello> read_hello(const std::string& body);

std::string tap_body(const SpooledTap& tap);
struct TapAnswer {
  std::string result;  // in | out | unknown_card | desk (a duplicate's original result)
  bool duplicate = false;
  std::string at;
  std::string name;
  std::string class_name;
  std::string anomaly;
};
Result<TapAnswer> read_tap_answer(const std::string& body);

struct DiaryQuery {
  std::string card;  // one of card / qr
  std::string qr;
  std::string pin;
  std::string week;  // "" = this week
};
std::string diary_body(const DiaryQuery& q);
struct DiaryAnswer {
  std::string name;
  std::string class_name;
  std::string week;
  std::string diary_json;  // passed to the screen as is
};
Result<DiaryAnswer> read_diary_answer(const std::string& body);
// The week's extract as a PDF (POST path::diary_extract, the same body as the diary's) and how many
// more the pupil may print at the kiosks today.
inline constexpr const char* prints_left_header = "classbook-prints-left";
struct ExtractAnswer {
  std::string pdf;
  int prints_left = -1;  // -1 when the box did not say
};
Result<ExtractAnswer> read_extract_answer(Reply reply);  // an answered Reply: a PDF, or not understood
int attempts_left(const std::string& error_body);         // wrong_pin; -1 when absent
std::string locked_until(const std::string& error_body);  // pin_locked; "" when absent

struct EnrolAnswer {
  std::string kiosk_name;
  std::string mode;
  std::string school;
  std::string certificate;
  std::string ca;
};
std::string enrol_body(const std::string& code, const std::string& csr);
Result<EnrolAnswer> read_enrol_answer(const std::string& body);

}  // namespace classbook::kiosk
