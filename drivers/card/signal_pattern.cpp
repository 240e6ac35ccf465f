// signal_pattern: the small LED/buzzer pattern language of reader profiles ([feedback]).
#include "drivers/card/reader_profile.hpp"

#include <charconv>

namespace classbook::drivers {
namespace {

constexpr int max_step_ms = 5000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  while (!(s = trim(s)).empty()) {
    const auto end = s.find_first_of(" \t");
    out.push_back(s.substr(0, end));
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end);
  }
  return out;
}

Error bad(std::string message) { return make_error(Errc::invalid_input, "reader_profile.signal_pattern_invalid", std::move(message)); }

Result<Signal> parse_step(std::string_view step, int n) {
  const auto w = words(step);
  const auto where = "step " + std::to_string(n) + " '" + std::string(trim(step)) + "'";
  if (w.size() < 2 || w.size() > 3) return bad(where + ": write a step as 'green 300' or 'green 300 beep'");
  Signal s;
  if (w[0] == "red") s.red = true;
  else if (w[0] == "green") s.green = true;
  else if (w[0] == "both") s.red = s.green = true;
  else if (w[0] != "off") return bad(where + ": the light is off, red, green or both, not '" + std::string(w[0]) + "'");
  int ms = 0;
  const auto [p, ec] = std::from_chars(w[1].data(), w[1].data() + w[1].size(), ms);
  if (ec != std::errc() || p != w[1].data() + w[1].size() || ms < 1 || ms > max_step_ms)
    return bad(where + ": the duration is whole milliseconds from 1 to " + std::to_string(max_step_ms) + ", not '" +
               std::string(w[1]) + "'");
  s.duration = std::chrono::milliseconds(ms);
  if (w.size() == 3) {
    if (w[2] != "beep") return bad(where + ": only 'beep' may follow the duration, not '" + std::string(w[2]) + "'");
    s.beep = true;
  }
  return s;
}

}  // namespace

Result<SignalPattern> parse_signal_pattern(std::string_view text) {
  text = trim(text);
  SignalPattern out;
  if (text == "none") return out;
  if (text.empty()) return bad("the pattern is empty; write 'none' for no signal");
  std::chrono::milliseconds total{0};
  for (int n = 1;; ++n) {
    const auto comma = text.find(',');
    auto step = parse_step(text.substr(0, comma), n);
    if (!step) return step.error();
    out.push_back(*step);
    total += step->duration;
    if (out.size() > max_signal_steps) return bad("more than " + std::to_string(max_signal_steps) + " steps; keep a signal short");
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  if (total > max_signal_pattern)
    return bad("the pattern lasts " + std::to_string(total.count()) + " ms; keep it within " +
               std::to_string(max_signal_pattern.count()) + " ms, the reader does not poll while it plays");
  return out;
}

}  // namespace classbook::drivers
