// Tests of the backpack weight: each subject once, cancelled lessons out, groups, and the limits by grade.
#include <catch2/catch.hpp>

#include "domain/backpack.hpp"

using namespace classbook::domain;
using namespace std::chrono;

namespace {

const Date monday = Date{year{2026}, month{11}, day{23}};

PlannedLesson lesson(int period, long long class_id, long long subject, int group_no = 0, bool cancelled = false) {
  PlannedLesson l;
  l.date = monday;
  l.period = period;
  l.class_id = class_id;
  l.group_no = group_no;
  l.subject_id = subject;
  l.teacher_id = 100 + subject;
  l.cancelled = cancelled;
  return l;
}

// Subjects: 1 maths 800 g, 2 Russian 500 g, 3 music 300 g, 4 history 1200 g, 6 English 400 g, 7 IT 250 g.
const std::vector<TextbookWeight> weights{{1, 800}, {2, 500}, {3, 300}, {4, 1200}, {6, 400}, {7, 250}};

}  // namespace

TEST_CASE("each subject of the day is carried once") {
  const std::vector<PlannedLesson> day{lesson(1, 10, 1), lesson(2, 10, 1), lesson(3, 10, 2), lesson(4, 10, 1)};
  CHECK(backpack_grams(day, 10, weights) == 800 + 500);
  CHECK(backpack_grams({}, 10, weights) == 0);
  CHECK(backpack_grams(day, 10, {}) == 0);
}

TEST_CASE("cancelled lessons are not carried, unless the subject has another lesson that day") {
  CHECK(backpack_grams({lesson(1, 10, 1), lesson(2, 10, 4, 0, true)}, 10, weights) == 800);
  CHECK(backpack_grams({lesson(1, 10, 4, 0, true), lesson(2, 10, 4)}, 10, weights) == 1200);
  CHECK(backpack_grams({lesson(1, 10, 4), lesson(2, 10, 4, 0, true)}, 10, weights) == 1200);
  CHECK(backpack_grams({lesson(1, 10, 4, 0, true)}, 10, weights) == 0);
}

TEST_CASE("moved and substituted lessons count with the subject they now have") {
  PlannedLesson moved = lesson(6, 10, 3);
  moved.moved = true;
  PlannedLesson substituted = lesson(2, 10, 4);  // history instead of Russian
  substituted.substituted = true;
  CHECK(backpack_grams({lesson(1, 10, 1), moved, substituted}, 10, weights) == 800 + 300 + 1200);
}

TEST_CASE("only the lessons of the pupil's class count") {
  const std::vector<PlannedLesson> day{lesson(1, 10, 1), lesson(1, 11, 4), lesson(2, 11, 2)};
  CHECK(backpack_grams(day, 10, weights) == 800);
  CHECK(backpack_grams(day, 11, weights) == 1200 + 500);
  CHECK(backpack_grams(day, 12, weights) == 0);
  CHECK(backpack_grams({lesson(1, 0, 1)}, 0, weights) == 0);  // an unresolved class is nobody's
}

TEST_CASE("group lessons: a pupil carries the books of the own group") {
  const std::vector<PlannedLesson> day{lesson(1, 10, 1), lesson(2, 10, 6, 1), lesson(2, 10, 7, 2)};
  CHECK(backpack_grams(day, 10, weights) == 800 + 400 + 250);  // the heaviest bag of the class
  CHECK(backpack_grams(day, 10, weights, 0) == 800 + 400 + 250);
  CHECK(backpack_grams(day, 10, weights, 1) == 800 + 400);
  CHECK(backpack_grams(day, 10, weights, 2) == 800 + 250);
  CHECK(backpack_grams(day, 10, weights, 3) == 800);
}

TEST_CASE("unknown, repeated and negative weights") {
  CHECK(backpack_grams({lesson(1, 10, 99)}, 10, weights) == 0);                  // no books listed
  CHECK(backpack_grams({lesson(1, 10, 5)}, 10, {{5, 700}, {5, 100}}) == 700);    // the first weight counts
  CHECK(backpack_grams({lesson(1, 10, 5), lesson(2, 10, 1)}, 10, {{5, -300}, {1, 800}}) == 800);
}

TEST_CASE("recommended maximum by grade") {
  const int expected[] = {0, 1500, 1500, 2000, 2000, 2500, 2500, 3500, 3500, 4000, 4000, 4000, 0};
  for (int grade = 0; grade <= 12; ++grade) {
    INFO("grade " << grade);
    CHECK(recommended_max_grams(grade) == expected[grade]);
  }
  CHECK(recommended_max_grams(-1) == 0);
  static_assert(recommended_max_grams(1) == 1500);
  static_assert(recommended_max_grams(11) == 4000);
  static_assert(too_heavy(1501, 2));
}

TEST_CASE("too heavy means strictly over the maximum") {
  CHECK_FALSE(too_heavy(1500, 1));
  CHECK(too_heavy(1501, 1));
  CHECK(too_heavy(1501, 2));
  CHECK_FALSE(too_heavy(1501, 3));
  CHECK_FALSE(too_heavy(2000, 4));
  CHECK(too_heavy(2001, 4));
  CHECK_FALSE(too_heavy(2001, 5));
  CHECK_FALSE(too_heavy(2500, 6));
  CHECK(too_heavy(2501, 6));
  CHECK_FALSE(too_heavy(2501, 7));
  CHECK_FALSE(too_heavy(3500, 8));
  CHECK(too_heavy(3501, 8));
  CHECK_FALSE(too_heavy(3501, 9));
  CHECK_FALSE(too_heavy(4000, 11));
  CHECK(too_heavy(4001, 11));
  CHECK_FALSE(too_heavy(0, 1));
  // the rule knows no grade 0 or 12
  CHECK_FALSE(too_heavy(99999, 0));
  CHECK_FALSE(too_heavy(99999, 12));
}

TEST_CASE("a day's bag against the limit") {
  const std::vector<PlannedLesson> day{lesson(1, 10, 1), lesson(2, 10, 2), lesson(3, 10, 4)};
  const int grams = backpack_grams(day, 10, weights);
  CHECK(grams == 2500);
  CHECK(too_heavy(grams, 4));
  CHECK_FALSE(too_heavy(grams, 5));
}
