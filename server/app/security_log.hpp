// security_log: the entrances' security log as the director, the administrator and the secretary read it.
#pragma once

#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr int max_security_events_listed = 2000;
constexpr int max_security_range_days = 366;

// Events of the school days from..to (local dates, inclusive; each defaults to today), oldest first.
Result<std::vector<store::SecurityEventRecord>> list_security_events(Context& ctx, const domain::Actor& actor,
                                                                     std::string_view from, std::string_view to);

}  // namespace classbook::app
