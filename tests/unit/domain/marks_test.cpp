// Tests of the mark rules against worked examples computed by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "domain/marks.hpp"

using namespace classbook::domain;

namespace {

// Ranks and weights of the default work types, so the examples read like a journal page.
MarkValue test_mark(int v) { return {v, 5, 3}; }
MarkValue classwork(int v) { return {v, 2, 2}; }
MarkValue homework(int v) { return {v, 1, 1}; }

const RoundingRule half{0.5, 0.1};
const RoundingRule six_tenths{0.6, 0.1};
const RoundingRule half_no_band{0.5, 0.0};
const RoundingRule six_tenths_no_band{0.6, 0.0};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the scales hold exactly their marks") {
  const auto five = MarkScale::five_point();
  CHECK(five.min == 1);
  CHECK(five.max == 5);
  CHECK(five.contains(1));
  CHECK(five.contains(5));
  CHECK_FALSE(five.contains(0));
  CHECK_FALSE(five.contains(6));
  const auto ten = MarkScale::ten_point();
  CHECK(ten.contains(10));
  CHECK_FALSE(ten.contains(11));
  CHECK(MarkScale{}.max == 5);
}

TEST_CASE("the default work types") {
  const auto types = default_work_types();
  REQUIRE(types.size() == 5);
  struct Expected {
    const char* code;
    const char* name;
    int weight;
    int rank;
  };
  const Expected expected[] = {
      {"test", "Контрольная работа", 5, 3},
      {"independent", "Самостоятельная работа", 3, 3},
      {"classwork", "Работа на уроке", 2, 2},
      {"oral", "Устный ответ", 2, 2},
      {"homework", "Домашняя работа", 1, 1},
  };
  for (std::size_t i = 0; i < types.size(); ++i) {
    INFO(expected[i].code);
    CHECK(types[i].code == expected[i].code);
    CHECK(types[i].name == expected[i].name);
    CHECK(types[i].weight == expected[i].weight);
    CHECK(types[i].rank == expected[i].rank);
  }
}

TEST_CASE("work types are found by their exact code") {
  const auto types = default_work_types();
  const WorkType* test = find_work_type(types, "test");
  REQUIRE(test != nullptr);
  CHECK(test->weight == 5);
  CHECK(test == &types[0]);
  const WorkType* homework_type = find_work_type(types, "homework");
  REQUIRE(homework_type != nullptr);
  CHECK(homework_type->weight == 1);
  CHECK(find_work_type(types, "Test") == nullptr);
  CHECK(find_work_type(types, "") == nullptr);
  CHECK(find_work_type(types, "essay") == nullptr);
  CHECK(find_work_type({}, "test") == nullptr);

  const std::vector<WorkType> custom{{"essay", "Сочинение", 4, 3}};
  REQUIRE(find_work_type(custom, "essay") != nullptr);
  CHECK(find_work_type(custom, "essay")->weight == 4);
}

TEST_CASE("weighted average: worked examples") {
  CHECK_FALSE(weighted_average({}));
  // (5·5 + 3·2 + 4·1) / (5 + 2 + 1) = 35 / 8
  CHECK(*weighted_average({{5, 5, 3}, {3, 2, 2}, {4, 1, 1}}) == Approx(4.375));
  CHECK(*weighted_average({{4, 1, 0}}) == Approx(4.0));
  CHECK(*weighted_average({{5, 1, 0}, {4, 1, 0}}) == Approx(4.5));
  // (9·5 + 7·2) / 7 = 59 / 7
  CHECK(*weighted_average({{9, 5, 3}, {7, 2, 2}}) == Approx(59.0 / 7.0));
  // the weight changes the answer: a test 2 and a homework 5 are not a 3.5
  CHECK(*weighted_average({test_mark(2), homework(5)}) == Approx(15.0 / 6.0));
}

TEST_CASE("marks without a positive weight do not count") {
  CHECK(*weighted_average({{5, 0, 1}, {3, 1, 1}}) == Approx(3.0));
  CHECK(*weighted_average({{5, -4, 1}, {3, 2, 1}}) == Approx(3.0));
  CHECK_FALSE(weighted_average({{5, 0, 1}}));
  CHECK_FALSE(weighted_average({{5, 0, 1}, {4, -1, 1}}));
}

TEST_CASE("rounding at threshold 0.5") {
  const auto five = MarkScale::five_point();
  CHECK(round_grade(4.5, half, five) == 5);
  CHECK(round_grade(4.49, half, five) == 4);
  CHECK(round_grade(4.375, half, five) == 4);
  CHECK(round_grade(3.5, half, five) == 4);
  CHECK(round_grade(2.51, half, five) == 3);
  CHECK(round_grade(4.0, half, five) == 4);
  CHECK(round_grade(1.0, half, five) == 1);
}

TEST_CASE("rounding at threshold 0.6: 3.6 is a 4, 3.5 is a 3") {
  const auto five = MarkScale::five_point();
  CHECK(round_grade(3.6, six_tenths, five) == 4);
  CHECK(round_grade(3.5, six_tenths, five) == 3);
  CHECK(round_grade(3.59, six_tenths, five) == 3);
  CHECK(round_grade(3.99, six_tenths, five) == 4);
  CHECK(round_grade(2.61, six_tenths, five) == 3);
}

TEST_CASE("rounding survives binary fractions: 23/5 and 43/5 are exactly at 0.6") {
  // 23.0/5 − 4 is 0.5999999999999996 in doubles; the school still means 4.6.
  CHECK(round_grade(23.0 / 5.0, six_tenths, MarkScale::five_point()) == 5);
  CHECK(round_grade(43.0 / 5.0, six_tenths, MarkScale::ten_point()) == 9);
  CHECK(round_grade(*weighted_average({{5, 3, 1}, {4, 2, 1}}), six_tenths, MarkScale::five_point()) == 5);
  // and just below the threshold still rounds down
  CHECK(round_grade(4.599, six_tenths, MarkScale::five_point()) == 4);
}

TEST_CASE("grades are clamped into the scale") {
  const auto five = MarkScale::five_point();
  CHECK(round_grade(5.7, half, five) == 5);
  CHECK(round_grade(5.0, half, five) == 5);
  CHECK(round_grade(7.0, half, five) == 5);
  CHECK(round_grade(0.3, half, five) == 1);
  CHECK(round_grade(0.7, half, five) == 1);
  CHECK(round_grade(-2.0, half, five) == 1);
  CHECK(round_grade(std::numeric_limits<double>::infinity(), half, five) == 5);
  CHECK(round_grade(-std::numeric_limits<double>::infinity(), half, five) == 1);
  CHECK(round_grade(std::nan(""), half, five) == 1);
  CHECK(round_grade(1e300, half, five) == 5);
}

TEST_CASE("rounding on the ten-point scale") {
  const auto ten = MarkScale::ten_point();
  CHECK(round_grade(9.5, half, ten) == 10);
  CHECK(round_grade(9.49, half, ten) == 9);
  CHECK(round_grade(10.4, half, ten) == 10);
  CHECK(round_grade(7.0, half, ten) == 7);
  CHECK(round_grade(6.55, six_tenths, ten) == 6);
  CHECK(round_grade(6.65, six_tenths, ten) == 7);
  CHECK(round_grade(0.0, half, ten) == 1);
}

TEST_CASE("no marks, no proposal") {
  CHECK_FALSE(propose_term_grade({}, half, MarkScale::five_point()));
  CHECK_FALSE(propose_term_grade({{5, 0, 3}}, half, MarkScale::five_point()));
}

TEST_CASE("a clear average is simply rounded") {
  // 35/8 = 4.375: 0.125 away from 0.5, outside the 0.1 band
  const auto p = propose_term_grade({{5, 5, 3}, {3, 2, 2}, {4, 1, 1}}, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->grade == 4);
  CHECK(p->average == Approx(4.375));
  CHECK_FALSE(p->borderline);
  CHECK(contains(p->reason, "proposed grade is 4"));

  // all threes: 3.00, far from any threshold
  const auto q = propose_term_grade({test_mark(3), classwork(3), homework(3)}, half,
                                    MarkScale::five_point());
  REQUIRE(q);
  CHECK(q->grade == 3);
  CHECK_FALSE(q->borderline);
  CHECK(contains(q->reason, "3.00"));
  CHECK(contains(q->reason, "0.50"));
}

TEST_CASE("borderline: tests below the average round down") {
  // (4·5 + 5·2 + 5·2 + 5·1) / 10 = 45/10 = 4.5 — plain rounding would give 5
  const std::vector<MarkValue> marks{test_mark(4), classwork(5), classwork(5), homework(5)};
  const auto p = propose_term_grade(marks, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->average == Approx(4.5));
  CHECK(p->borderline);
  CHECK(p->grade == 4);
  CHECK(contains(p->reason, "4.00"));
  CHECK(contains(p->reason, "below 4.50"));
  CHECK(contains(p->reason, "proposed grade is 4"));
}

TEST_CASE("borderline: tests above the average round up") {
  // (5·5 + 4·2 + 4·2 + 3·1) / 10 = 44/10 = 4.4 — plain rounding would give 4
  const std::vector<MarkValue> marks{test_mark(5), classwork(4), classwork(4), homework(3)};
  CHECK(round_grade(4.4, half, MarkScale::five_point()) == 4);
  const auto p = propose_term_grade(marks, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->average == Approx(4.4));
  CHECK(p->borderline);
  CHECK(p->grade == 5);
  CHECK(contains(p->reason, "at or above 4.40"));
  CHECK(contains(p->reason, "proposed grade is 5"));
}

TEST_CASE("borderline: a group average equal to the overall average rounds up") {
  // tests (4·5 + 5·5)/10 = 4.5; homework (4 + 5)/2 = 4.5; overall 54/12 = 4.5
  const std::vector<MarkValue> marks{test_mark(4), test_mark(5), homework(4), homework(5)};
  const auto p = propose_term_grade(marks, six_tenths, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->average == Approx(4.5));
  CHECK(p->borderline);  // 0.5 is within 0.1 of 0.6
  CHECK(p->grade == 5);  // although 4.5 is a 4 by plain rounding at 0.6
}

TEST_CASE("borderline: the highest-ranked group that has marks decides") {
  // no tests: classwork (rank 2) decides. (4·2 + 5 + 5 + 5) / 5 = 23/5 = 4.6
  const std::vector<MarkValue> marks{classwork(4), homework(5), homework(5), homework(5)};
  const auto p = propose_term_grade(marks, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->average == Approx(4.6));
  CHECK(p->borderline);
  CHECK(p->grade == 4);

  // a rank-2 group is outranked once a rank-3 mark exists, even a light one:
  // (23 + 5 + 3) / 7 = 31/7 = 4.43; classwork's 4 would round down, the rank-3 5 rounds up
  std::vector<MarkValue> with_test = marks;
  with_test.push_back({5, 1, 3});
  with_test.push_back(homework(3));
  const auto q = propose_term_grade(with_test, half, MarkScale::five_point());
  REQUIRE(q);
  CHECK(q->average == Approx(31.0 / 7.0));
  CHECK(q->borderline);
  CHECK(q->grade == 5);
}

TEST_CASE("borderline at threshold 0.6") {
  // (4·5 + 3·2 + 3·2 + 3·1) / 10 = 35/10 = 3.5: plain rounding at 0.6 says 3, the test says 4
  const auto up = propose_term_grade({test_mark(4), classwork(3), classwork(3), homework(3)},
                                     six_tenths, MarkScale::five_point());
  REQUIRE(up);
  CHECK(up->borderline);
  CHECK(up->grade == 4);
  // (3·5 + 4·2 + 5·1) / 8 = 28/8 = 3.5: the test is below, so 3
  const auto down = propose_term_grade({test_mark(3), classwork(4), homework(5)}, six_tenths,
                                       MarkScale::five_point());
  REQUIRE(down);
  CHECK(down->borderline);
  CHECK(down->grade == 3);
  // (4·3 + 3·2) / 5 = 18/5 = 3.6, exactly at the threshold: borderline, the rank-3 mark 4 is above
  const auto at = propose_term_grade({{4, 3, 3}, {3, 2, 2}}, six_tenths, MarkScale::five_point());
  REQUIRE(at);
  CHECK(at->average == Approx(3.6));
  CHECK(at->borderline);
  CHECK(at->grade == 4);
}

TEST_CASE("the band's edges are borderline, just outside is not") {
  // 4.4 and 4.6 are 0.1 from 0.5: inside; 4.375 and 4.625 are 0.125 away: outside
  CHECK(propose_term_grade({{4, 3, 1}, {5, 2, 2}}, half, MarkScale::five_point()).value().borderline);   // 22/5
  CHECK(propose_term_grade({{5, 3, 1}, {4, 2, 2}}, half, MarkScale::five_point()).value().borderline);   // 23/5
  CHECK_FALSE(propose_term_grade({{4, 5, 1}, {5, 3, 2}}, half, MarkScale::five_point()).value().borderline);  // 35/8
  CHECK_FALSE(propose_term_grade({{5, 5, 1}, {4, 3, 2}}, half, MarkScale::five_point()).value().borderline);  // 37/8
}

TEST_CASE("with one kind of work only, ordinary rounding stands") {
  const std::vector<MarkValue> marks{homework(4), homework(5)};  // 4.5
  const auto p = propose_term_grade(marks, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->borderline);
  CHECK(p->grade == 5);
  CHECK(contains(p->reason, "same kind of work"));
  const auto q = propose_term_grade(marks, six_tenths, MarkScale::five_point());
  REQUIRE(q);
  CHECK(q->borderline);
  CHECK(q->grade == 4);
}

TEST_CASE("a band of zero turns the borderline rule off") {
  const std::vector<MarkValue> marks{test_mark(4), classwork(5), classwork(5), homework(5)};  // 4.5
  const auto p = propose_term_grade(marks, half_no_band, MarkScale::five_point());
  REQUIRE(p);
  CHECK_FALSE(p->borderline);
  CHECK(p->grade == 5);
  const auto q = propose_term_grade({{4, 3, 3}, {3, 2, 2}}, six_tenths_no_band, MarkScale::five_point());
  REQUIRE(q);
  CHECK_FALSE(q->borderline);
  CHECK(q->grade == 4);  // 3.6 at 0.6
}

TEST_CASE("proposals on the ten-point scale") {
  // (9·5 + 7·2) / 7 = 59/7 = 8.43: borderline, and the test's 9 is above
  const auto p = propose_term_grade({{9, 5, 3}, {7, 2, 2}}, half, MarkScale::ten_point());
  REQUIRE(p);
  CHECK(p->average == Approx(59.0 / 7.0));
  CHECK(p->borderline);
  CHECK(p->grade == 9);
  // (10·5 + 6·2 + 7·1) / 8 = 69/8 = 8.625: clear, rounds to 9
  const auto q = propose_term_grade({{10, 5, 3}, {6, 2, 2}, {7, 1, 1}}, half, MarkScale::ten_point());
  REQUIRE(q);
  CHECK_FALSE(q->borderline);
  CHECK(q->grade == 9);
  // a 10 stays a 10
  const auto r = propose_term_grade({{10, 5, 3}, {10, 1, 1}}, half, MarkScale::ten_point());
  REQUIRE(r);
  CHECK(r->grade == 10);
}

TEST_CASE("proposals stay inside the scale even for marks outside it") {
  const auto p = propose_term_grade({{6, 1, 1}, {7, 1, 1}}, half, MarkScale::five_point());
  REQUIRE(p);
  CHECK(p->grade == 5);
  const auto q = propose_term_grade({{0, 1, 1}}, half, MarkScale::five_point());
  REQUIRE(q);
  CHECK(q->grade == 1);
  // borderline and deciding up from 5.4 would be 6: clamped to 5
  const auto r = propose_term_grade({{6, 5, 3}, {5, 5, 1}, {5, 5, 1}, {5, 5, 1}, {6, 5, 1}}, half,
                                    MarkScale::five_point());  // 27/5 = 5.4
  REQUIRE(r);
  CHECK(r->borderline);
  CHECK(r->grade == 5);
}

TEST_CASE("mark values are checked against the scale") {
  for (int v = 1; v <= 5; ++v) CHECK_FALSE(check_mark_value(v, MarkScale::five_point()));
  for (int v = 1; v <= 10; ++v) CHECK_FALSE(check_mark_value(v, MarkScale::ten_point()));
  CHECK(check_mark_value(6, MarkScale::five_point()) ==
        std::string("6 is not a mark on this school's scale: use a whole number from 1 to 5."));
  CHECK(check_mark_value(0, MarkScale::five_point()) ==
        std::string("0 is not a mark on this school's scale: use a whole number from 1 to 5."));
  CHECK(check_mark_value(-1, MarkScale::five_point()) ==
        std::string("-1 is not a mark on this school's scale: use a whole number from 1 to 5."));
  CHECK(check_mark_value(11, MarkScale::ten_point()) ==
        std::string("11 is not a mark on this school's scale: use a whole number from 1 to 10."));
  CHECK(check_mark_value(0, MarkScale::ten_point()));
}
