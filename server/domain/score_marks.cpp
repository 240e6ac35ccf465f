// score_marks: percentage thresholds from a client's score to the school's mark.
#include "domain/score_marks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace classbook::domain {

ScoreThresholds default_score_thresholds(MarkScale scale) {
  if (scale.min == 1 && scale.max == 5) return {{85, 65, 45}};
  ScoreThresholds t;
  // One threshold for every mark above the lowest passing one, at most ten of them.
  for (int mark = scale.max, pct = 90; mark > scale.min + 1 && pct > 0; --mark, pct -= 10) t.percents.push_back(pct);
  return t;
}

std::optional<ScoreThresholds> parse_score_thresholds(std::string_view text, MarkScale scale, std::string* why) {
  auto fail = [&](std::string message) -> std::optional<ScoreThresholds> {
    if (why) *why = std::move(message);
    return std::nullopt;
  };
  ScoreThresholds t;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    int v = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
      return fail("'" + std::string(part) + "' is not a whole percentage; write the thresholds from the top mark down, e.g. 85,65,45");
    if (v < 0 || v > 100) return fail(std::to_string(v) + " is not a percentage from 0 to 100");
    if (!t.percents.empty() && v >= t.percents.back())
      return fail("the thresholds must fall from the top mark down (" + std::to_string(t.percents.back()) + " then " +
                  std::to_string(v) + ")");
    t.percents.push_back(v);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (static_cast<int>(t.percents.size()) > scale.max - scale.min)
    return fail("the scale " + std::to_string(scale.min) + ".." + std::to_string(scale.max) + " has room for at most " +
                std::to_string(scale.max - scale.min) + " thresholds");
  return t;
}

std::string format_score_thresholds(const ScoreThresholds& t) {
  std::string out;
  for (int p : t.percents) out += (out.empty() ? "" : ",") + std::to_string(p);
  return out;
}

std::optional<double> score_percent(double score, double min, double max) {
  if (!std::isfinite(score) || !std::isfinite(min) || !std::isfinite(max) || !(max > min)) return std::nullopt;
  return (score - min) / (max - min) * 100.0;
}

std::optional<int> mark_for_score(double score, double min, double max, const ScoreThresholds& t, MarkScale scale) {
  const auto pct = score_percent(score, min, max);
  if (!pct) return std::nullopt;
  // Binary fractions: 17/20 must be 85 %, not 84.999…
  const double rounded = std::round(*pct * 1000.0) / 1000.0;
  int mark = scale.max;
  for (int threshold : t.percents) {
    if (rounded >= threshold) return mark;
    --mark;
  }
  return std::max(mark, scale.min);
}

}  // namespace classbook::domain
