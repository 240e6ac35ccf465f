// Tests for CodeRepeatFilter: one scan per code held up, a new one after the window, per code.
#include "drivers/scan/code_repeat_filter.hpp"

#include <catch2/catch.hpp>

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

namespace {
const TimePoint t0{std::chrono::milliseconds(1'795'000'000'000)};
const DecodedCode slip{CodeFormat::qr_code, "classbook:login:anna.petrova"};
}  // namespace

TEST_CASE("the same code within the window is one scan — every sighting extends it", "[scan][repeat]") {
  CodeRepeatFilter filter(2000ms);
  CHECK(filter.accept(slip, t0));
  CHECK_FALSE(filter.accept(slip, t0 + 33ms));
  CHECK_FALSE(filter.accept(slip, t0 + 1999ms));
  CHECK_FALSE(filter.accept(slip, t0 + 3500ms));  // 1501 ms after the last sighting
  CHECK(filter.accept(slip, t0 + 5501ms));        // 2001 ms after it
}

TEST_CASE("different codes, or the same text in another format, are separate scans", "[scan][repeat]") {
  CodeRepeatFilter filter;
  CHECK(filter.accept(slip, t0));
  CHECK(filter.accept(DecodedCode{CodeFormat::qr_code, "classbook:login:boris.ivanov"}, t0));
  CHECK(filter.accept(DecodedCode{CodeFormat::data_matrix, slip.text}, t0));
  CHECK_FALSE(filter.accept(slip, t0 + 10ms));
}

TEST_CASE("the window is the named default", "[scan][repeat]") {
  CodeRepeatFilter filter;
  CHECK(filter.accept(slip, t0));
  CHECK_FALSE(filter.accept(slip, t0 + kCodeRepeatWindow));
  CHECK(filter.accept(slip, t0 + 2 * kCodeRepeatWindow + 1ms));
}
