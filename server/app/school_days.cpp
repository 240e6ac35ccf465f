// school_days: parsing a date range and turning the school's local days into UTC bounds.
#include "app/school_days.hpp"

namespace classbook::app {

Result<SchoolDays> parse_school_days(std::string_view from_text, std::string_view to_text, domain::Date fallback,
                                     int max_days) {
  const auto from = from_text.empty() ? std::optional(fallback) : domain::parse_date(from_text);
  if (!from) return make_error(Errc::invalid_input, "date.malformed", "from must be a date like 2026-11-23", "from");
  const auto to = to_text.empty() ? std::optional(fallback) : domain::parse_date(to_text);
  if (!to) return make_error(Errc::invalid_input, "date.malformed", "to must be a date like 2026-11-29", "to");
  if (*to < *from) return make_error(Errc::invalid_input, "date.range_reversed", "to must not be before from", "to");
  if (domain::add_days(*from, max_days) <= *to)
    return make_error(Errc::invalid_input, "date.range_too_long", "ask for at most " + std::to_string(max_days) + " days at a time", "to");
  return SchoolDays{*from, *to};
}

TimePoint school_day_start(const Context& ctx, domain::Date d) {
  return std::chrono::time_point_cast<TimePoint::duration>(std::chrono::sys_days(d) -
                                                           std::chrono::minutes(ctx.settings().utc_offset_minutes));
}

UtcBounds utc_bounds(const Context& ctx, const SchoolDays& days) {
  const TimePoint end = school_day_start(ctx, domain::add_days(days.to, 1)) - std::chrono::milliseconds(1);
  return {format_utc(school_day_start(ctx, days.from)), format_utc(end)};
}

}  // namespace classbook::app
