// score_marks: a OneRoster result's score (on its line item's scale, resultValueMin..resultValueMax)
// as a mark of the school's scale, by the school's percentage thresholds. The box keeps the score as
// the client sent it; the mark is what the journal shows beside it (docs/sync.md § "The box as a
// provider"). Pure: no settings are read here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/marks.hpp"

namespace classbook::domain {

// The lowest percentage each mark needs, from the scale's top mark down: {85, 65, 45} on the
// five-point scale means ≥ 85 % → 5, ≥ 65 % → 4, ≥ 45 % → 3, anything lower → 2. Strictly falling,
// each 0..100, fewer than the scale has marks.
struct ScoreThresholds {
  std::vector<int> percents;
  friend bool operator==(const ScoreThresholds&, const ScoreThresholds&) = default;
};

// The documented default: {85, 65, 45} on a five-point scale; on any other scale the top marks get
// evenly spaced thresholds from 90 % down in steps of 10 with the lowest mark below the last.
ScoreThresholds default_score_thresholds(MarkScale scale);

// "85,65,45" (settings key score_thresholds) → the thresholds; why it cannot be, in words a person can
// act on, when it is not (empty list, not a whole number, not falling, outside 0..100, too many).
std::optional<ScoreThresholds> parse_score_thresholds(std::string_view text, MarkScale scale, std::string* why = nullptr);
std::string format_score_thresholds(const ScoreThresholds& t);  // back to "85,65,45"

// The percentage a score is of its range (extra credit above the maximum gives more than 100);
// nullopt when the range is empty or reversed, or a number is not finite.
std::optional<double> score_percent(double score, double min, double max);

// The mark a score earns: the highest mark whose threshold the percentage reaches, else the mark
// just below the last threshold (never below the scale's lowest). A percentage is compared after
// rounding to a thousandth, so that 17 of 20 is 85 % whatever binary fractions make of it. nullopt
// when score_percent is.
std::optional<int> mark_for_score(double score, double min, double max, const ScoreThresholds& t, MarkScale scale);

}  // namespace classbook::domain
