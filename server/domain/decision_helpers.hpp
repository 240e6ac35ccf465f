// decision_helpers: the small pieces every rule module builds its Decisions from (internal to domain/).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "policy.hpp"

namespace classbook::domain::detail {

inline Decision allow() { return Decision{true, {}}; }
inline Decision deny(std::string why) { return Decision{false, std::move(why)}; }
inline Decision allow_if(bool ok, const char* why_not) { return ok ? allow() : deny(why_not); }

// Zero is "not resolved": it must never make two unknowns look like the same person or class.
inline bool same_id(long long a, long long b) { return a > 0 && a == b; }
inline bool has_id(const std::vector<long long>& ids, long long id) {
  return std::any_of(ids.begin(), ids.end(), [id](long long x) { return same_id(x, id); });
}

}  // namespace classbook::domain::detail
