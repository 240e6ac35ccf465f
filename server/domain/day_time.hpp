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

// "Monday" … "Sunday" for 1 … 7 (as iso_weekday numbers them); "weekday N" for anything else.
std::string weekday_name(int weekday);
constexpr bool is_weekday(int weekday) { return weekday >= 1 && weekday <= 7; }

}  // namespace classbook::domain
