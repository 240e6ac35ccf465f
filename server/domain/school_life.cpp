// school_life: the office's texts about events and clubs, checked with messages that say what is allowed.
#include "school_life.hpp"

#include "day_time.hpp"
#include "text.hpp"

namespace classbook::domain {
namespace {

std::optional<std::string> check_text(std::string_view text, std::size_t max, const char* what, bool required,
                                      bool one_line) {
  const auto n = utf8_length(text);
  if (!n) return std::string(what) + " is not valid UTF-8 text";
  if (required && is_blank(text)) return std::string(what) + " must not be empty";
  if (*n > max) return std::string(what) + " is too long: at most " + std::to_string(max) + " characters";
  for (unsigned char c : text) {
    const bool line_break = c == '\n' || c == '\r' || c == '\t';
    if ((c < 0x20 && !(line_break && !one_line)) || c == 0x7f)
      return std::string(what) + (one_line ? " must be one line without control characters" : " has a control character");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_event_title(std::string_view title) {
  return check_text(title, max_event_title_length, "an event's title", true, true);
}

std::optional<std::string> check_event_place(std::string_view place) {
  return check_text(place, max_event_place_length, "an event's place", false, true);
}

std::optional<std::string> check_event_body(std::string_view body) {
  return check_text(body, max_event_body_length, "an event's description", false, false);
}

std::optional<std::string> check_event_times(std::optional<int> start_minute, std::optional<int> end_minute) {
  if (end_minute && !start_minute) return "an event with an end needs a start too";
  if (start_minute && end_minute && *end_minute <= *start_minute)
    return "the event ends (" + format_minute(*end_minute) + ") before or when it starts (" + format_minute(*start_minute) + ")";
  return std::nullopt;
}

std::optional<std::string> check_cancel_reason(std::string_view reason) {
  return check_text(reason, max_cancel_reason_length, "the reason", true, false);
}

std::optional<std::string> check_club_name(std::string_view name) {
  return check_text(name, max_club_name_length, "a club's name", true, true);
}

}  // namespace classbook::domain
