// school_life: the checks of what the office writes about school life — an event's title, times,
// place and description, why it was cancelled, a club's name and how many sessions it meets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace classbook::domain {

constexpr std::size_t max_event_title_length = 200;         // characters
constexpr std::size_t max_event_place_length = 100;
constexpr std::size_t max_event_body_length = 2000;
constexpr std::size_t max_cancel_reason_length = 500;
constexpr std::size_t max_club_name_length = 100;
constexpr std::size_t max_club_sessions = 14;  // twice a day every day of the week is already a lot

std::optional<std::string> check_event_title(std::string_view title);
std::optional<std::string> check_event_place(std::string_view place);  // "" is fine: no place given
std::optional<std::string> check_event_body(std::string_view body);    // "" is fine
// An event has no times, a start only, or a start and a later end; an end alone says nothing.
std::optional<std::string> check_event_times(std::optional<int> start_minute, std::optional<int> end_minute);
std::optional<std::string> check_cancel_reason(std::string_view reason);
std::optional<std::string> check_club_name(std::string_view name);

}  // namespace classbook::domain
