// dates: the standard's two time shapes — Date "YYYY-MM-DD" and DateTime in the W3C profile of
// ISO 8601 in UTC ("2026-09-01T08:30:00.123Z") — checked, and date-times compared to the nanosecond.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace classbook::oneroster {

// A point in UTC time, exact to the nanosecond, so "…:00.1Z" and "…:00.100000Z" are equal.
struct Instant {
  std::int64_t seconds = 0;     // since 1970-01-01T00:00:00Z
  std::uint32_t nanoseconds = 0;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// "YYYY-MM-DD" with a real calendar day (2024-02-29 yes, 2023-02-29 no).
bool is_date(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS", an optional fraction of 1–9 digits, then "Z" (the standard asks for UTC;
// an offset, even +00:00, is refused). nullopt when malformed.
std::optional<Instant> parse_datetime(std::string_view text);
// "YYYY-MM-DDTHH:MM:SS.mmmZ" (milliseconds) — how the box writes dateLastModified.
std::string format_datetime(Instant t);
// A school year as the standard writes it: four digits, "2026".
bool is_school_year(std::string_view text);

}  // namespace classbook::oneroster
