// day_time: clock times as minutes since local midnight and ISO weekdays, read and written as people do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

constexpr int minutes_per_day = 24 * 60;

// "08:30" for 510. Minutes outside one day (below 0, 1440 and above) are shown as "minute N" so a
// message about a bad time still says which number was wrong instead of inventing a clock time.
std::string format_minute(int minute);
// "HH:MM", 00:00..23:59, two digits each; the inverse of format_minute within a day.
std::optional<int> parse_minute(std::string_view text);

// A school's offset from UTC as "+03:00" / "-03:30" (sign required), in minutes: -12:00 … +14:00,
// minutes 00, 15, 30 or 45. Russia has kept fixed offsets without daylight saving since 2014, so an
// offset, not a time-zone database, is what a school's clock needs.
std::optional<int> parse_utc_offset(std::string_view text);
std::string format_utc_offset(int minutes);

// "Monday" … "Sunday" for 1 … 7 (as iso_weekday numbers them); "weekday N" for anything else.
std::string weekday_name(int weekday);
constexpr bool is_weekday(int weekday) { return weekday >= 1 && weekday <= 7; }

}  // namespace classbook::domain
