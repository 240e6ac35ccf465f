// screen_json: ScreenState as the page reads it — the one place its JSON field names are chosen.
#pragma once

#include <string>

#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk::screen {

// One line of JSON (no raw newlines), so it fits one SSE `data:` line. Field names follow the
// struct's; `diary_json` is embedded as the object `diary` (null when empty or not valid JSON — then
// `diary_error` says why, and the page shows that instead of a week).
std::string screen_json(const ScreenState& s);

const char* mode_code(Mode m);  // "entrance" | "hall"; reader states are drivers::to_string's words

}  // namespace classbook::kiosk::screen
