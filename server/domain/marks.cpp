// marks: weighted averages and the rounding rules that turn them into term-grade proposals.
#include "marks.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace classbook::domain {

namespace {

// Averages are ratios of small integers; this absorbs their binary representation error and nothing more.
constexpr double rounding_tolerance = 1e-9;

// Exact sums, so averages can be compared without floating-point doubt.
struct WeightedSum {
  long long weighted = 0;  // Σ value·weight
  long long weight = 0;    // Σ weight
  double average() const { return static_cast<double>(weighted) / static_cast<double>(weight); }
};

bool counts(const MarkValue& m) { return m.weight >= 1; }

template <class Pred>
WeightedSum sum_where(const std::vector<MarkValue>& marks, Pred pred) {
  WeightedSum s;
  for (const MarkValue& m : marks) {
    if (!counts(m) || !pred(m)) continue;
    s.weighted += static_cast<long long>(m.value) * m.weight;
    s.weight += m.weight;
  }
  return s;
}

WeightedSum sum_of(const std::vector<MarkValue>& marks) {
  return sum_where(marks, [](const MarkValue&) { return true; });
}

int clamp_to(int grade, MarkScale scale) { return std::clamp(grade, scale.min, scale.max); }

double fraction_of(double average) { return average - std::floor(average); }

bool is_borderline(double average, RoundingRule rule) {
  if (rule.band <= 0) return false;
  return std::abs(fraction_of(average) - rule.threshold) <= rule.band + rounding_tolerance;
}

int highest_rank(const std::vector<MarkValue>& marks) {
  int top = 0;
  bool seen = false;
  for (const MarkValue& m : marks) {
    if (!counts(m)) continue;
    if (!seen || m.rank > top) top = m.rank;
    seen = true;
  }
  return top;
}

// a/b >= c/d for positive b and d, without division.
bool at_or_above(const WeightedSum& a, const WeightedSum& b) {
  return a.weighted * b.weight >= b.weighted * a.weight;
}

std::string two_decimals(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
  return std::string(buf, r.ptr);
}

std::string plain_reason(double average, RoundingRule rule, int grade) {
  return "The weighted average of the marks is " + two_decimals(average) + "; fractions of " +
         two_decimals(rule.threshold) + " and above round up, so the proposed grade is " +
         std::to_string(grade) + ".";
}

std::string one_kind_reason(double average, int grade) {
  return "The weighted average of the marks is " + two_decimals(average) +
         ", close to where rounding changes; all marks are for the same kind of work, so ordinary "
         "rounding gives " + std::to_string(grade) + ".";
}

std::string group_reason(double average, double group_average, bool up, int grade) {
  return "The weighted average of the marks is " + two_decimals(average) +
         ", close to where rounding changes, so the most important kind of work decides: it "
         "averages " + two_decimals(group_average) + (up ? ", at or above " : ", below ") +
         two_decimals(average) + ", so the proposed grade is " + std::to_string(grade) + ".";
}

}  // namespace

std::vector<WorkType> default_work_types() {
  return {
      {"test", "Контрольная работа", 5, 3},
      {"independent", "Самостоятельная работа", 3, 3},
      {"classwork", "Работа на уроке", 2, 2},
      {"oral", "Устный ответ", 2, 2},
      {"homework", "Домашняя работа", 1, 1},
  };
}

const WorkType* find_work_type(const std::vector<WorkType>& types, std::string_view code) {
  const auto it = std::find_if(types.begin(), types.end(),
                               [code](const WorkType& t) { return t.code == code; });
  return it == types.end() ? nullptr : &*it;
}

std::optional<double> weighted_average(const std::vector<MarkValue>& marks) {
  const WeightedSum s = sum_of(marks);
  if (s.weight == 0) return std::nullopt;
  return s.average();
}

int round_grade(double average, RoundingRule rule, MarkScale scale) {
  if (std::isnan(average)) return scale.min;
  // Clamp first so that the conversion to int below is always in range.
  const double bounded = std::clamp(average, static_cast<double>(scale.min),
                                    static_cast<double>(scale.max));
  const int whole = static_cast<int>(std::floor(bounded));
  const bool up = fraction_of(bounded) >= rule.threshold - rounding_tolerance;
  return clamp_to(up ? whole + 1 : whole, scale);
}

std::optional<TermGradeProposal> propose_term_grade(const std::vector<MarkValue>& marks,
                                                    RoundingRule rule, MarkScale scale) {
  const WeightedSum all = sum_of(marks);
  if (all.weight == 0) return std::nullopt;
  const double average = all.average();
  const int rounded = round_grade(average, rule, scale);
  if (!is_borderline(average, rule)) {
    return TermGradeProposal{rounded, average, false, plain_reason(average, rule, rounded)};
  }
  const int top = highest_rank(marks);
  const WeightedSum group = sum_where(marks, [top](const MarkValue& m) { return m.rank == top; });
  if (group.weight == all.weight) {
    return TermGradeProposal{rounded, average, true, one_kind_reason(average, rounded)};
  }
  const bool up = at_or_above(group, all);
  const int whole = static_cast<int>(std::floor(average));
  const int grade = clamp_to(up ? whole + 1 : whole, scale);
  return TermGradeProposal{grade, average, true,
                           group_reason(average, group.average(), up, grade)};
}

std::optional<std::string> check_mark_value(int value, MarkScale scale) {
  if (scale.contains(value)) return std::nullopt;
  return std::to_string(value) + " is not a mark on this school's scale: use a whole number from " +
         std::to_string(scale.min) + " to " + std::to_string(scale.max) + ".";
}

}  // namespace classbook::domain
