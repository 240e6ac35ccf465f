// school_days: a request's from..to of school dates, checked one way for every list that takes one,
// and the UTC instants those local days span (times are stored in UTC).
#pragma once

#include <string>
#include <string_view>

#include "app/context.hpp"

namespace classbook::app {

struct SchoolDays {
  domain::Date from, to;  // inclusive
};

// from and to as dates like 2026-11-23; an empty one is `fallback`. Refused when to is before from
// or the range covers `max_days` days or more, with a message saying what to ask for instead.
Result<SchoolDays> parse_school_days(std::string_view from, std::string_view to, domain::Date fallback, int max_days);

// The instant the school's day `d` begins (local midnight), in UTC.
TimePoint school_day_start(const Context& ctx, domain::Date d);

// The days as UTC text bounds for a BETWEEN: from's local midnight to the last millisecond of `to`.
struct UtcBounds {
  std::string first, last;
};
UtcBounds utc_bounds(const Context& ctx, const SchoolDays& days);

}  // namespace classbook::app
