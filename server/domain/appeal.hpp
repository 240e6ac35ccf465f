// appeal: a request to the school's support — its lifecycle, who moves it along, and its number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "policy.hpp"

namespace classbook::domain {

enum class AppealStatus { open, in_progress, answered, closed };
const char* to_string(AppealStatus s);                                // "open", "in_progress", …
std::optional<AppealStatus> parse_appeal_status(std::string_view s);  // inverse of to_string

// Support is the school office, the director and the administrator; everyone else who may see an
// appeal sees it as its author (which appeals a person sees is the store's and the policy's business).
bool handles_appeals(Role r);

// None when `by` may move an appeal from `from` to `to`, else why not:
// - open → in_progress, open → answered, in_progress → answered: support;
// - answered → in_progress: the author replying (any role but a kiosk), or support taking it up again;
// - any status but closed → closed: support; closed is final.
// Staying in the same status is not a transition. Everything else goes against the lifecycle.
std::optional<std::string> check_transition(AppealStatus from, AppealStatus to, Role by);

// "2026-000123": the year, a dash and the yearly sequence in at least six digits. A sequence past
// 999999 grows wider instead of being cut, so two appeals never share a number.
constexpr int appeal_seq_digits = 6;
std::string appeal_number(int year, long long seq);

}  // namespace classbook::domain
