// sim_line: one line of the simulated reader's input — a card number, a QR text, or a plug/unplug
// of the pretend reader. Pure, so the language is tested apart from the threads and files.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "drivers/card/card_id.hpp"

namespace classbook::drivers {

struct SimBlank {};  // empty line or # comment
struct SimCard {
  CardId card;
};
struct SimCode {
  std::string text;  // "classbook:card:E37A5C1D"
};
struct SimPlug {
  bool plugged = true;
};
struct SimBad {
  std::string message;
};
using SimLine = std::variant<SimBlank, SimCard, SimCode, SimPlug, SimBad>;

// "E37A5C1D" or "card E37A5C1D": hex as read; exactly ten decimal digits ("3816447005") are the
// dec10 form printed on many cards. "qr <text>", "unplug", "plug", "# comment".
SimLine parse_sim_line(std::string_view line);

}  // namespace classbook::drivers
