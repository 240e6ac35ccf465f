// sim_line: see the header; the card number itself goes through drivers/card like a real reader's.
#include "drivers/sim/sim_line.hpp"

#include <algorithm>

namespace classbook::drivers {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

SimLine parse_sim_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.front() == '#') return SimBlank{};
  if (line == "unplug") return SimPlug{false};
  if (line == "plug") return SimPlug{true};
  if (line.substr(0, 3) == "qr " || line == "qr") {
    const auto text = trim(line.substr(2));
    if (text.empty()) return SimBad{"'qr' needs the code's text, e.g. qr classbook:card:E37A5C1D"};
    return SimCode{std::string(text)};
  }
  auto number = line;
  if (line.substr(0, 5) == "card ") number = trim(line.substr(5));
  if (number.find(' ') != std::string_view::npos)
    return SimBad{"'" + std::string(line) + "' is not a card number, 'qr <text>', 'plug' or 'unplug'"};
  UidFormat format;
  format.text = number.size() == 10 && all_digits(number) ? UidText::dec10 : UidText::hex;
  auto card = card_from_text(number, format);
  if (!card) return SimBad{card.error().message};
  return SimCard{std::move(*card)};
}

}  // namespace classbook::drivers
