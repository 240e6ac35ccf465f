// dot: the lifecycle of owed work — open until converted, cancelled, or expired by date or term end.
#include "dot.hpp"

namespace classbook::domain {

const char* to_string(DotState s) {
  switch (s) {
    case DotState::open: return "open";
    case DotState::converted: return "converted";
    case DotState::expired: return "expired";
    case DotState::cancelled: return "cancelled";
  }
  return "unknown";
}

DotState dot_state_on(const Dot& dot, Date today) {
  if (dot.state == DotState::open && today > dot.expires_on) return DotState::expired;
  return dot.state;
}

std::vector<long long> resolve_open_dots_at_term_end(std::vector<Dot>& dots, Date term_end) {
  std::vector<long long> changed;
  for (Dot& dot : dots) {
    if (dot.state != DotState::open || dot.set_on > term_end) continue;
    dot.state = DotState::expired;
    changed.push_back(dot.id);
  }
  return changed;
}

std::optional<std::string> check_dot_expiry(Date set_on, Date expires_on) {
  if (!set_on.ok() || !expires_on.ok()) return "The dot needs real calendar dates; pick them again.";
  if (expires_on < set_on) {
    return "A dot cannot expire before the day it is set (" + format_date(set_on) +
           "); choose that day or a later one.";
  }
  const Date latest = add_days(set_on, dot_max_days);
  if (expires_on > latest) {
    return "A dot can stay open for at most " + std::to_string(dot_max_days) +
           " days; choose an expiry on or before " + format_date(latest) + ".";
  }
  return std::nullopt;
}

}  // namespace classbook::domain
