// backpack: the day's bag weight, each subject's books counted once.
#include "backpack.hpp"

#include <algorithm>
#include <set>

namespace classbook::domain {

namespace {

bool carried_by(const PlannedLesson& l, long long class_id, int group_no) {
  if (l.cancelled || class_id <= 0 || l.class_id != class_id) return false;
  return group_no == 0 || l.group_no == 0 || l.group_no == group_no;
}

int grams_of(long long subject_id, const std::vector<TextbookWeight>& weights) {
  const auto it = std::find_if(weights.begin(), weights.end(),
                               [subject_id](const TextbookWeight& w) { return w.subject_id == subject_id; });
  return it == weights.end() ? 0 : std::max(it->grams, 0);
}

}  // namespace

int backpack_grams(const std::vector<PlannedLesson>& lessons_of_day, long long class_id,
                   const std::vector<TextbookWeight>& weights, int group_no) {
  std::set<long long> subjects;
  for (const PlannedLesson& l : lessons_of_day) {
    if (carried_by(l, class_id, group_no)) subjects.insert(l.subject_id);
  }
  int total = 0;
  for (long long subject_id : subjects) total += grams_of(subject_id, weights);
  return total;
}

}  // namespace classbook::domain
