// name_search: the office's typed queries find names whatever their case and ё.
#include "domain/name_search.hpp"

#include <catch2/catch.hpp>

using namespace classbook::domain;

TEST_CASE("name search: case, ё and spaces aside", "[name_search]") {
  const auto name = folded_name("Семёнова Анна Сергеевна");
  CHECK(name == "семенова анна сергеевна");
  CHECK(name_holds(name, *folded_query("семенова")));
  CHECK(name_holds(name, *folded_query("  СЕМЁНОВА   анна ")));
  CHECK(name_holds(name, *folded_query("анна с")));
  CHECK_FALSE(name_holds(name, *folded_query("иванова")));
  CHECK(name_holds(folded_name("Smith John"), *folded_query("SMI")));
}

TEST_CASE("name search: empty, too long and broken text is no query", "[name_search]") {
  CHECK_FALSE(folded_query(""));
  CHECK_FALSE(folded_query("   "));
  CHECK_FALSE(folded_query(std::string(max_name_query_chars + 1, 'a')));
  CHECK(folded_query(std::string(max_name_query_chars, 'a')));
  CHECK_FALSE(folded_query("\xC0\xC8"));
}
