// dot: the "dot" — work a pupil owes, with an expiry; it becomes a mark or disappears.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

enum class DotState { open, converted, expired, cancelled };
const char* to_string(DotState s);

struct Dot {
  long long id = 0;
  Date set_on;
  Date expires_on;  // inclusive: the dot is still open on this day
  DotState state = DotState::open;
};

// The state a dot has on `today`: an open dot past its expiry is expired.
DotState dot_state_on(const Dot& dot, Date today);

// At the end of a term every dot still open resolves automatically: it expires, and no mark is
// invented for it. Returns the ids of the dots that changed.
// "Still open" means stored as open and set on or before `term_end`: a dot already set in the next
// term is that term's business. Open dots whose expiry has already passed are stored as expired
// too, since their stored state changes. `expires_on` is kept as the teacher set it.
std::vector<long long> resolve_open_dots_at_term_end(std::vector<Dot>& dots, Date term_end);

// A dot can be set only with an expiry on or after the day it is set, within `dot_max_days`
// (expiring exactly `dot_max_days` days later is allowed). None when fine, else what to change.
constexpr int dot_max_days = 30;
std::optional<std::string> check_dot_expiry(Date set_on, Date expires_on);

}  // namespace classbook::domain
