// Tests for the code format names and the list parser a kiosk config uses.
#include "drivers/scan/code_format.hpp"

#include <catch2/catch.hpp>

using namespace classbook;
using namespace classbook::drivers;

TEST_CASE("format names are the ones CodeScan carries", "[scan][format]") {
  CHECK(std::string(to_string(CodeFormat::qr_code)) == "QRCode");
  CHECK(std::string(to_string(CodeFormat::code128)) == "Code128");
  CHECK(std::string(to_string(CodeFormat::ean13)) == "EAN-13");
  CHECK(std::string(to_string(CodeFormat::ean8)) == "EAN-8");
  CHECK(std::string(to_string(CodeFormat::data_matrix)) == "DataMatrix");
}

TEST_CASE("a list of format names parses into a set", "[scan][format]") {
  auto formats = parse_code_formats("QRCode, Code128  DataMatrix");
  REQUIRE(formats.ok());
  CHECK(formats->has(CodeFormat::qr_code));
  CHECK(formats->has(CodeFormat::code128));
  CHECK(formats->has(CodeFormat::data_matrix));
  CHECK_FALSE(formats->has(CodeFormat::ean13));
  CHECK_FALSE(formats->has(CodeFormat::ean8));

  auto all = parse_code_formats("QRCode,Code128,EAN-13,EAN-8,DataMatrix");
  REQUIRE(all.ok());
  CHECK(*all == kDefaultCodeFormats);
}

TEST_CASE("an unknown or missing format name is an error that lists the known ones", "[scan][format]") {
  auto bad = parse_code_formats("QRCode, qr");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == Errc::invalid_input);
  CHECK_THAT(bad.error().message, Catch::Contains("'qr'") && Catch::Contains("EAN-13"));

  auto empty = parse_code_formats(" , ");
  REQUIRE_FALSE(empty.ok());
  CHECK_THAT(empty.error().message, Catch::Contains("at least one"));
}
