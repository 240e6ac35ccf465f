// Tests of a client's score as a mark: the documented defaults, the thresholds' text, extra credit,
// scales other than 0..100, binary fractions at a threshold, and what is refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "domain/score_marks.hpp"

using namespace classbook::domain;

TEST_CASE("the five-point default: >= 85 % is a 5, >= 65 a 4, >= 45 a 3, else a 2") {
  const MarkScale five;
  const auto t = default_score_thresholds(five);
  CHECK(format_score_thresholds(t) == "85,65,45");
  struct Case { double score; int mark; };
  for (auto [score, mark] : {Case{100, 5}, Case{85, 5}, Case{84.9, 4}, Case{65, 4}, Case{64.99, 3}, Case{45, 3},
                             Case{44, 2}, Case{0, 2}}) {
    INFO(score);
    CHECK(mark_for_score(score, 0, 100, t, five) == mark);
  }
}

TEST_CASE("the score is taken on its line item's own scale") {
  const MarkScale five;
  const auto t = default_score_thresholds(five);
  CHECK(mark_for_score(17, 0, 20, t, five) == 5);   // 85 %, whatever binary fractions make of 17/20
  CHECK(mark_for_score(13, 0, 20, t, five) == 4);   // 65 %
  CHECK(mark_for_score(3, 1, 5, t, five) == 3);     // 50 % of 1..5
  CHECK(mark_for_score(300, 0, 100, t, five) == 5);  // extra credit above the maximum: still the top mark
  CHECK(mark_for_score(-5, 0, 100, t, five) == 2);
  CHECK(score_percent(300, 0, 100) == 300.0);
}

TEST_CASE("a range that is empty or reversed, or a number that is not finite, gives no mark") {
  const MarkScale five;
  const auto t = default_score_thresholds(five);
  CHECK_FALSE(mark_for_score(5, 10, 10, t, five));
  CHECK_FALSE(mark_for_score(5, 10, 0, t, five));
  CHECK_FALSE(mark_for_score(std::numeric_limits<double>::quiet_NaN(), 0, 100, t, five));
  CHECK_FALSE(mark_for_score(5, 0, std::numeric_limits<double>::infinity(), t, five));
}

TEST_CASE("the school's own thresholds, as the settings hold them") {
  const MarkScale five;
  std::string why;
  auto t = parse_score_thresholds("90, 70,50", five, &why);
  REQUIRE(t);
  CHECK(t->percents == std::vector<int>{90, 70, 50});
  CHECK(mark_for_score(89, 0, 100, *t, five) == 4);
  CHECK(mark_for_score(49, 0, 100, *t, five) == 2);
  // Fewer thresholds: everything below the last is the mark just under it.
  auto two = parse_score_thresholds("80,50", five);
  REQUIRE(two);
  CHECK(mark_for_score(49, 0, 100, *two, five) == 3);
}

TEST_CASE("thresholds that cannot be are refused with a reason") {
  const MarkScale five;
  for (const char* bad : {"", "85,,45", "85;65", "eighty", "85,85,45", "45,65,85", "101,65", "85,65,45,25,10", "-1"}) {
    std::string why;
    INFO(bad);
    CHECK_FALSE(parse_score_thresholds(bad, five, &why));
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("a ten-point scale gets a threshold for each mark above the lowest passing one") {
  const MarkScale ten{1, 10};
  const auto t = default_score_thresholds(ten);
  CHECK(t.percents.size() == 8);
  CHECK(mark_for_score(95, 0, 100, t, ten) == 10);
  CHECK(mark_for_score(55, 0, 100, t, ten) == 6);
  CHECK(mark_for_score(5, 0, 100, t, ten) == 2);
  REQUIRE(parse_score_thresholds(format_score_thresholds(t), ten));
}
