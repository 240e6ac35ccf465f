// backpack: how much a pupil carries to school on a day, against the recommended maximum for the grade.
#pragma once

#include <array>
#include <vector>

#include "timetable.hpp"

namespace classbook::domain {

// The textbooks and exercise books of one subject, weighed once by the school.
struct TextbookWeight {
  long long subject_id = 0;
  int grams = 0;
};

// Grams carried on the day of `lessons_of_day` by a pupil of `class_id`: every subject that has a
// lesson counts once, however many lessons it has that day; cancelled lessons do not count (moved
// and substituted ones do, with the subject they now have). Lessons of other classes are ignored.
// `group_no` 0 counts every lesson of the class, the heaviest bag any pupil of it carries; N counts
// whole-class lessons and group N's, the bag of a pupil in group N.
// A subject without a weight weighs nothing; of two weights for one subject the first counts; a
// negative weight counts as zero, so bad data never makes a bag look lighter than its other books.
int backpack_grams(const std::vector<PlannedLesson>& lessons_of_day, long long class_id,
                   const std::vector<TextbookWeight>& weights, int group_no = 0);

// The recommended maximum daily set of textbooks and school things by grade (SanPiN): grades
// 1–2 1.5 kg, 3–4 2 kg, 5–6 2.5 kg, 7–8 3.5 kg, 9–11 4 kg.
struct BackpackLimit {
  int first_grade = 0;
  int last_grade = 0;
  int max_grams = 0;
};
inline constexpr std::array<BackpackLimit, 5> backpack_limits{{
    {1, 2, 1500},
    {3, 4, 2000},
    {5, 6, 2500},
    {7, 8, 3500},
    {9, 11, 4000},
}};

// The maximum for `grade`; 0 for a grade outside 1..11, for which the rule says nothing.
constexpr int recommended_max_grams(int grade) {
  for (const BackpackLimit& l : backpack_limits) {
    if (grade >= l.first_grade && grade <= l.last_grade) return l.max_grams;
  }
  return 0;
}

// Strictly over the maximum: a bag of exactly the recommended weight is fine. Never true for a grade
// the rule does not know.
constexpr bool too_heavy(int grams, int grade) {
  const int max = recommended_max_grams(grade);
  return max > 0 && grams > max;
}

}  // namespace classbook::domain
