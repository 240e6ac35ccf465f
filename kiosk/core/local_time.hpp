// local_time: the school's wall clock from UTC and the box's offset, and ISO-week stepping. Pure.
#pragma once

#include <string>

#include "classbook/common/clock.hpp"

namespace classbook::kiosk {

std::string local_hhmm(TimePoint utc, int utc_offset_minutes);  // "08:12"
std::string local_hhmm(const std::string& iso_utc, int utc_offset_minutes);  // "" when unreadable

// "2026-W48" moved by `delta` weeks, across year ends (2026-W53 exists, 2027-W53 does not);
// "" when `week` is not of that form.
std::string step_iso_week(const std::string& week, int delta);

}  // namespace classbook::kiosk
