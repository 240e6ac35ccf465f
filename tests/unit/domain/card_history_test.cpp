// Tests of the card history's rules: which endings block a card, and what one change does.
#include <catch2/catch.hpp>

#include "domain/card_history.hpp"

using namespace classbook::domain;
using Card = std::optional<std::string>;

TEST_CASE("card endings read and print, and only lost and damaged block") {
  for (auto e : {CardEnd::replaced, CardEnd::lost, CardEnd::damaged, CardEnd::left, CardEnd::unassigned})
    CHECK(parse_card_end(to_string(e)) == e);
  CHECK_FALSE(parse_card_end("Lost"));
  CHECK(blocks(CardEnd::lost));
  CHECK(blocks(CardEnd::damaged));
  CHECK_FALSE(blocks(CardEnd::replaced));
  CHECK_FALSE(blocks(CardEnd::left));
  CHECK_FALSE(blocks(CardEnd::unassigned));
  CHECK(parse_block_reason("lost") == CardEnd::lost);
  CHECK(parse_block_reason("damaged") == CardEnd::damaged);
  CHECK_FALSE(parse_block_reason("replaced"));  // a secretary reports a card lost or damaged, nothing else
  CHECK_FALSE(parse_block_reason(""));
}

TEST_CASE("a first card opens, a new one replaces, none takes it away") {
  auto first = card_step(std::nullopt, Card("AA01"), CardEnd::unassigned);
  CHECK_FALSE(first.end_current);
  CHECK(first.issue == Card("AA01"));

  auto replaced = card_step(Card("AA01"), Card("BB02"), CardEnd::unassigned);
  CHECK(replaced.end_current == CardEnd::replaced);
  CHECK(replaced.issue == Card("BB02"));

  auto taken = card_step(Card("AA01"), std::nullopt, CardEnd::unassigned);
  CHECK(taken.end_current == CardEnd::unassigned);
  CHECK_FALSE(taken.issue);

  auto left = card_step(Card("AA01"), std::nullopt, CardEnd::left);
  CHECK(left.end_current == CardEnd::left);
}

TEST_CASE("a lost card stays lost when a new one is given at the same moment") {
  auto s = card_step(Card("AA01"), Card("CC03"), CardEnd::lost);
  CHECK(s.end_current == CardEnd::lost);
  CHECK(s.issue == Card("CC03"));
  auto d = card_step(Card("AA01"), std::nullopt, CardEnd::damaged);
  CHECK(d.end_current == CardEnd::damaged);
  CHECK_FALSE(d.issue);
}

TEST_CASE("the same card again, or no card to no card, changes nothing") {
  CHECK_FALSE(card_step(Card("AA01"), Card("AA01"), CardEnd::replaced).changes());
  CHECK_FALSE(card_step(std::nullopt, std::nullopt, CardEnd::left).changes());
}
