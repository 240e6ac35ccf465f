// appeal: the transition table of the support lifecycle and the appeal number format.
#include "appeal.hpp"

#include <array>

namespace classbook::domain {

namespace {

constexpr std::array appeal_statuses{AppealStatus::open, AppealStatus::in_progress, AppealStatus::answered,
                                     AppealStatus::closed};

// Words for people; to_string gives the API's names.
const char* status_words(AppealStatus s) {
  switch (s) {
    case AppealStatus::open: return "open";
    case AppealStatus::in_progress: return "in progress";
    case AppealStatus::answered: return "answered";
    case AppealStatus::closed: return "closed";
  }
  return "unknown";
}

// Zero-padded after any sign. The magnitude is taken unsigned so that even the least long long has one.
std::string padded(long long value, int width) {
  const unsigned long long magnitude =
      value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
  std::string digits = std::to_string(magnitude);
  if (digits.size() < static_cast<std::size_t>(width)) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return value < 0 ? "-" + digits : digits;
}

std::optional<std::string> support_only(Role by, const char* what) {
  if (handles_appeals(by)) return std::nullopt;
  return std::string("Only the school office, the director or the administrator can ") + what + ".";
}

}  // namespace

const char* to_string(AppealStatus s) {
  switch (s) {
    case AppealStatus::open: return "open";
    case AppealStatus::in_progress: return "in_progress";
    case AppealStatus::answered: return "answered";
    case AppealStatus::closed: return "closed";
  }
  return "unknown";
}

std::optional<AppealStatus> parse_appeal_status(std::string_view s) {
  for (AppealStatus v : appeal_statuses) {
    if (s == to_string(v)) return v;
  }
  return std::nullopt;
}

bool handles_appeals(Role r) { return r == Role::secretary || r == Role::director || r == Role::admin; }

std::optional<std::string> check_transition(AppealStatus from, AppealStatus to, Role by) {
  if (by == Role::kiosk) return "A kiosk cannot change appeals.";
  if (from == AppealStatus::closed) {
    return "The appeal is closed; write a new appeal if the question is still open.";
  }
  if (from == to) return std::string("The appeal is already ") + status_words(to) + ".";
  using S = AppealStatus;
  if (to == S::closed) return support_only(by, "close an appeal");
  if (from == S::open && to == S::in_progress) return support_only(by, "take up an appeal");
  if ((from == S::open || from == S::in_progress) && to == S::answered) {
    return support_only(by, "answer an appeal");
  }
  if (from == S::answered && to == S::in_progress) return std::nullopt;  // the author replied
  return std::string("An appeal cannot go from ") + status_words(from) + " back to " + status_words(to) +
         "; reply to it instead, and support will take it up again.";
}

std::string appeal_number(int year, long long seq) {
  constexpr int year_digits = 4;
  return padded(year, year_digits) + "-" + padded(seq, appeal_seq_digits);
}

}  // namespace classbook::domain
