// local_time: calendar arithmetic on std::chrono days; no time-zone database (the box sends the offset).
#include "kiosk/core/local_time.hpp"

#include <chrono>
#include <cstdio>

namespace classbook::kiosk {
namespace {
using namespace std::chrono;

sys_days monday_of_week_one(int iso_year) {
  const sys_days jan4 = year{iso_year} / January / 4;
  return jan4 - (weekday{jan4} - Monday);
}

}  // namespace

std::string local_hhmm(TimePoint utc, int utc_offset_minutes) {
  const auto local = utc + minutes(utc_offset_minutes);
  const auto in_day = local - floor<days>(local);
  const auto h = duration_cast<hours>(in_day).count();
  const auto m = duration_cast<minutes>(in_day).count() % 60;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(h), static_cast<int>(m));
  return text;
}

std::string local_hhmm(const std::string& iso_utc, int utc_offset_minutes) {
  TimePoint t;
  if (!parse_utc(iso_utc, t)) return {};
  return local_hhmm(t, utc_offset_minutes);
}

std::string step_iso_week(const std::string& week, int delta) {
  int y = 0, w = 0;
  char tail = 0;
  if (week.size() != 8 || week[4] != '-' || week[5] != 'W' ||
      std::sscanf(week.c_str(), "%4d-W%2d%c", &y, &w, &tail) != 2 || w < 1 || w > 53)
    return {};
  const sys_days monday = monday_of_week_one(y) + days(7 * (w - 1) + 7 * delta);
  const sys_days thursday = monday + days(3);
  const int iso_year = static_cast<int>(year_month_day{thursday}.year());
  const int iso_week = static_cast<int>((thursday - monday_of_week_one(iso_year)).count() / 7 + 1);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W%02d", iso_year, iso_week);
  return text;
}

}  // namespace classbook::kiosk
