// day_time: formatting and parsing of clock minutes and weekday names for messages and the API.
#include "day_time.hpp"

#include <array>

namespace classbook::domain {

namespace {

std::string two_digits(int v) {
  return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

std::optional<int> parse_two_digits(std::string_view text) {
  if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9') {
    return std::nullopt;
  }
  return (text[0] - '0') * 10 + (text[1] - '0');
}

constexpr std::array<const char*, 7> weekday_names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                   "Friday", "Saturday", "Sunday"};

}  // namespace

std::string format_minute(int minute) {
  if (minute < 0 || minute >= minutes_per_day) return "minute " + std::to_string(minute);
  return two_digits(minute / 60) + ":" + two_digits(minute % 60);
}

std::optional<int> parse_minute(std::string_view text) {
  constexpr std::size_t clock_length = 5;  // "HH:MM"
  if (text.size() != clock_length || text[2] != ':') return std::nullopt;
  const auto h = parse_two_digits(text.substr(0, 2));
  const auto m = parse_two_digits(text.substr(3, 2));
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return *h * 60 + *m;
}

std::string weekday_name(int weekday) {
  if (!is_weekday(weekday)) return "weekday " + std::to_string(weekday);
  return weekday_names[static_cast<std::size_t>(weekday - 1)];
}

std::optional<int> parse_utc_offset(std::string_view text) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const auto hm = parse_minute(text.substr(1));
  if (!hm || *hm % 15 != 0) return std::nullopt;
  const int minutes = text[0] == '-' ? -*hm : *hm;
  if (minutes < -12 * 60 || minutes > 14 * 60) return std::nullopt;
  return minutes;
}

std::string format_utc_offset(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  return sign + format_minute(minutes < 0 ? -minutes : minutes);
}

}  // namespace classbook::domain
