// sim_line_test: the simulated reader's little input language.
#include <catch2/catch.hpp>

#include "drivers/sim/sim_line.hpp"

using namespace classbook::drivers;

TEST_CASE("card numbers: hex as read, with or without 'card', and ten digits as dec10") {
  auto hex = parse_sim_line("E37A5C1D");
  REQUIRE(std::holds_alternative<SimCard>(hex));
  CHECK(std::get<SimCard>(hex).card.hex == "E37A5C1D");
  auto word = parse_sim_line("  card e37a5c1d \r");
  REQUIRE(std::holds_alternative<SimCard>(word));
  CHECK(std::get<SimCard>(word).card.hex == "E37A5C1D");
  auto dec = parse_sim_line("3816447005");  // = 0xE37A5C1D
  REQUIRE(std::holds_alternative<SimCard>(dec));
  CHECK(std::get<SimCard>(dec).card.hex == "E37A5C1D");
  auto seven = parse_sim_line("04A23B9C5D6E80");
  REQUIRE(std::holds_alternative<SimCard>(seven));
  CHECK(std::get<SimCard>(seven).card.hex == "04A23B9C5D6E80");
}

TEST_CASE("codes, plugging, comments and blank lines") {
  auto qr = parse_sim_line("qr classbook:card:E37A5C1D");
  REQUIRE(std::holds_alternative<SimCode>(qr));
  CHECK(std::get<SimCode>(qr).text == "classbook:card:E37A5C1D");
  auto spaced = parse_sim_line("qr hello world ");
  CHECK(std::get<SimCode>(spaced).text == "hello world");
  CHECK(std::get<SimPlug>(parse_sim_line("unplug")).plugged == false);
  CHECK(std::get<SimPlug>(parse_sim_line("plug")).plugged == true);
  CHECK(std::holds_alternative<SimBlank>(parse_sim_line("")));
  CHECK(std::holds_alternative<SimBlank>(parse_sim_line("   ")));
  CHECK(std::holds_alternative<SimBlank>(parse_sim_line("# Anna, 5A")));
}

TEST_CASE("mistakes are reported, not guessed at") {
  for (const char* line : {"12AZ", "qr", "card", "card E3 7A", "hello there", "unplugged"}) {
    INFO(line);
    auto r = parse_sim_line(line);
    REQUIRE(std::holds_alternative<SimBad>(r));
    CHECK_FALSE(std::get<SimBad>(r).message.empty());
  }
}
