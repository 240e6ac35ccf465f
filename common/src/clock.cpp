// clock: the system clock and the ISO-8601 text form of UTC instants.
#include "classbook/common/clock.hpp"

#include <charconv>
#include <cstdio>

namespace classbook {

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string format_utc(TimePoint t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                int(hms.subseconds().count()));
  return buf;
}

namespace {
bool take_int(std::string_view& s, std::size_t digits, int& out) {
  if (s.size() < digits) return false;
  for (std::size_t i = 0; i < digits; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data(), s.data() + digits, out);
  s.remove_prefix(digits);
  return true;
}
bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}
}  // namespace

bool parse_utc(std::string_view s, TimePoint& out) {
  using namespace std::chrono;
  int y, mo, d, h, mi, se, ms = 0;
  if (!take_int(s, 4, y) || !take_char(s, '-') || !take_int(s, 2, mo) || !take_char(s, '-') ||
      !take_int(s, 2, d) || !take_char(s, 'T') || !take_int(s, 2, h) || !take_char(s, ':') ||
      !take_int(s, 2, mi) || !take_char(s, ':') || !take_int(s, 2, se))
    return false;
  if (take_char(s, '.')) {
    std::size_t n = 0;
    int frac = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') {
      if (n < 3) frac = frac * 10 + (s[n] - '0');
      ++n;
    }
    if (n == 0) return false;
    for (std::size_t k = n; k < 3; ++k) frac *= 10;
    ms = frac;
    s.remove_prefix(n);
  }
  int offset_min = 0;
  if (take_char(s, 'Z')) {
  } else if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    const int sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
    int oh, om;
    if (!take_int(s, 2, oh) || !take_char(s, ':') || !take_int(s, 2, om) || oh > 23 || om > 59)
      return false;
    offset_min = sign * (oh * 60 + om);
  } else {
    return false;
  }
  if (!s.empty() || h > 23 || mi > 59 || se > 59) return false;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok()) return false;
  out = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se} + milliseconds{ms} - minutes{offset_min};
  return true;
}

}  // namespace classbook
