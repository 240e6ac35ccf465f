// backoff: see the header.
#include "sync/backoff.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string>

namespace classbook::sync {

std::chrono::milliseconds Backoff::ceiling() const {
  using std::chrono::milliseconds;
  const auto first = std::chrono::duration_cast<milliseconds>(backoff_first).count();
  const auto top = std::chrono::duration_cast<milliseconds>(backoff_ceiling).count();
  const int doublings = std::min(failures_, 20);  // 2^20 s is far past the ceiling already
  return milliseconds(std::min<std::int64_t>(top, first << doublings));
}

std::chrono::milliseconds Backoff::next(std::optional<std::chrono::milliseconds> retry_after) {
  const auto top = ceiling();
  ++failures_;
  const auto drawn = std::chrono::milliseconds(static_cast<std::int64_t>(random_() % (static_cast<std::uint64_t>(top.count()) + 1)));
  if (retry_after) return std::max(drawn, std::min(*retry_after, std::chrono::duration_cast<std::chrono::milliseconds>(max_retry_after)));
  return drawn;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, TimePoint now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::int64_t s = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), s);
    if (ec != std::errc() || p != value.data() + value.size()) return std::chrono::duration_cast<std::chrono::milliseconds>(max_retry_after);
    return std::chrono::milliseconds(std::min<std::int64_t>(s, 7 * 24 * 3600) * 1000);
  }
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char wd[4] = {}, mon[4] = {}, zone[4] = {};
  int day = 0, year = 0, h = 0, m = 0, s = 0;
  const std::string text(value);
  if (std::sscanf(text.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", wd, &day, mon, &year, &h, &m, &s, zone) != 8) return std::nullopt;
  if (std::string_view(zone) != "GMT") return std::nullopt;
  int month = 0;
  for (int i = 0; i < 12; ++i)
    if (std::string_view(mon) == months[static_cast<std::size_t>(i)]) month = i + 1;
  if (!month || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)), std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  const auto at = sys_days(ymd) + hours(h) + minutes(m) + seconds(s);
  const auto wait = duration_cast<milliseconds>(at - now);
  return std::max(wait, milliseconds(0));
}

}  // namespace classbook::sync
