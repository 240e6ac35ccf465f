// Tests of strict request-body reading: what is refused, and that each refusal names the field.
#include <catch2/catch.hpp>

#include "http/json_in.hpp"

using namespace classbook;
using namespace classbook::http;

TEST_CASE("only a JSON object is a request body") {
  CHECK(parse_object(R"({"a":1})"));
  for (const char* bad : {"", "[]", "1", "\"x\"", "null", "{", "{\"a\":}", "{\"a\":1,}", "{'a':1}"}) {
    INFO(bad);
    auto r = parse_object(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == Errc::invalid_input);
  }
}

TEST_CASE("invalid UTF-8 and deep nesting are refused") {
  CHECK_FALSE(parse_object("{\"a\":\"\xff\"}"));
  CHECK_FALSE(parse_object("{\"a\":\"\xc0\x80\"}"));
  CHECK(parse_object("{\"a\":\"\xd0\x94\"}"));  // Д
  std::string deep = "{\"a\":";
  for (std::size_t i = 0; i < json_max_depth + 2; ++i) deep += "[";
  CHECK_FALSE(parse_object(deep + std::string(json_max_depth + 2, ']') + "}"));
}

TEST_CASE("unknown fields are refused by name, with the known ones listed") {
  auto obj = parse_object(R"({"login":"a","pasword":"b"})");
  REQUIRE(obj);
  auto f = Fields::of(*obj, {"login", "password"});
  REQUIRE_FALSE(f);
  CHECK(f.error().field == "pasword");
  CHECK_THAT(f.error().message, Catch::Contains("login, password"));
}

TEST_CASE("types are checked field by field") {
  auto obj = parse_object(R"({"s":"x","i":5,"big":18446744073709551615,"f":1.5,"b":true,"n":null,"neg":-3})");
  REQUIRE(obj);
  auto f = Fields::of(*obj, {"s", "i", "big", "f", "b", "n", "neg", "missing"});
  REQUIRE(f);
  CHECK(*f->string("s") == "x");
  CHECK_FALSE(f->string("i"));
  CHECK(f->string("i").error().field == "i");
  CHECK(*f->integer("i") == 5);
  CHECK(*f->integer("neg") == -3);
  CHECK_FALSE(f->integer("big"));
  CHECK_FALSE(f->integer("f"));
  CHECK_FALSE(f->integer("s"));
  CHECK(f->optional_boolean("b")->value());
  CHECK_FALSE(f->optional_boolean("s"));
  CHECK_FALSE(f->optional_string("n")->has_value());
  CHECK_FALSE(f->string("n"));  // null is not a value for a required field
  CHECK_FALSE(f->string("missing"));
  CHECK_THAT(f->string("missing").error().message, Catch::Contains("required"));
  CHECK_FALSE(f->optional_integer("missing")->has_value());
}
