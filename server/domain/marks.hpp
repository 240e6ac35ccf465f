// marks: the mark scale, work types with weights, marks, and the rules that turn marks into grades.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.hpp"

namespace classbook::domain {

// The school's scale: five-point 1..5 by default, ten-point 1..10 where configured.
struct MarkScale {
  int min = 1;
  int max = 5;
  bool contains(int v) const { return v >= min && v <= max; }
  static MarkScale five_point() { return {1, 5}; }
  static MarkScale ten_point() { return {1, 10}; }
};

// A kind of work a mark is given for. `weight` enters the weighted average; `rank` orders the
// groups for the term-grade proposal: a higher rank decides first (tests over classwork over homework).
struct WorkType {
  std::string code;  // stable id used by the API: "test", "independent", "classwork", "oral", "homework"
  std::string name;  // what the school calls it, shown to people
  int weight = 1;    // 1..10
  int rank = 0;
};

// The defaults a new school starts with; the school may change names and weights.
// test (Контрольная работа, weight 5, rank 3), independent (Самостоятельная работа, 3, rank 3),
// classwork (Работа на уроке, 2, rank 2), oral (Устный ответ, 2, rank 2), homework (Домашняя работа, 1, rank 1).
std::vector<WorkType> default_work_types();
const WorkType* find_work_type(const std::vector<WorkType>& types, std::string_view code);

// One mark as the rules need it.
struct MarkValue {
  int value = 0;
  int weight = 1;
  int rank = 0;
};

// Σ(value·weight) / Σ(weight); none when there are no marks. A mark with a weight below 1 does not
// count (work types weigh 1..10, so such a mark is a data error, not a reason to divide by zero);
// none also when no mark counts.
std::optional<double> weighted_average(const std::vector<MarkValue>& marks);

// How an average becomes a whole grade: the fractional part at or above `threshold` rounds up.
// 0.5 is ordinary rounding; many schools use 0.6 ("3.6 is a 4, 3.5 is a 3").
struct RoundingRule {
  double threshold = 0.5;
  // Averages whose fractional part lies within ±band of the threshold, ends included, are
  // "borderline": the proposal then asks the highest-ranked group of work (see propose_term_grade).
  // A band of 0 or less turns this off.
  double band = 0.1;
};
// Clamped into the scale. Comparisons allow for binary rounding (4.6 is 23/5 and must be a 5 at
// threshold 0.6 although 23.0/5 − 4 is 0.5999…). A NaN average gives the scale's minimum.
int round_grade(double average, RoundingRule rule, MarkScale scale);

// The proposed term grade, which the teacher confirms or overrides.
// - none when there are no marks;
// - otherwise round_grade(weighted average);
// - when the average is borderline, the weighted average of the highest-ranked group that has
//   marks decides: that group's average at or above the overall average rounds up, below rounds down.
//   When every mark has the same rank that group is the whole average and cannot tell more than
//   the average itself, so ordinary rounding stands (`borderline` is still reported).
// The group comparison is exact (integer cross-multiplication), so equal averages always round up.
// `reason` explains the proposal in words a parent understands.
struct TermGradeProposal {
  int grade = 0;
  double average = 0;
  bool borderline = false;
  std::string reason;
};
std::optional<TermGradeProposal> propose_term_grade(const std::vector<MarkValue>& marks,
                                                    RoundingRule rule, MarkScale scale);

// Validation of a mark value against the scale, with a message that says what is allowed.
std::optional<std::string> check_mark_value(int value, MarkScale scale);

}  // namespace classbook::domain
