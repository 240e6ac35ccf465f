// hid_keyboard: boot reports as a wedge reader really sends them (press, release, press...) with times.
#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "drivers/card/hid_keyboard.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

namespace {

using Report = std::array<std::uint8_t, 8>;
const TimePoint t0{std::chrono::milliseconds(1'800'000'000'000)};

Report keys(std::uint8_t mods, std::uint8_t k1, std::uint8_t k2 = 0) { return {mods, 0, k1, k2, 0, 0, 0, 0}; }
const Report release{};

std::uint8_t usage_of(char c) {
  if (c == '0') return 0x27;
  if (c >= '1' && c <= '9') return static_cast<std::uint8_t>(0x1E + (c - '1'));
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint8_t>(0x04 + (c - 'A'));
  if (c == ',') return 0x36;
  return 0;
}

// A reader typing `text` then `terminator`: press/release pairs every `step` (bInterval 10 ms).
struct Typed {
  Report report;
  TimePoint at;
};
std::vector<Typed> typing(std::string_view text, std::uint8_t terminator, TimePoint start, std::chrono::milliseconds step = 10ms) {
  std::vector<Typed> out;
  auto at = start;
  for (char c : text) {
    out.push_back({keys(c >= 'A' && c <= 'Z' ? 0x02 : 0, usage_of(c)), at});
    out.push_back({release, at += step});
    at += step;
  }
  if (terminator) {
    out.push_back({keys(0, terminator), at});
    out.push_back({release, at + step});
  }
  return out;
}

std::vector<std::string> feed_all(HidKeyboardDecoder& d, const std::vector<Typed>& reports) {
  std::vector<std::string> reads;
  for (const auto& r : reports)
    if (auto text = d.feed(r.report, r.at)) reads.push_back(*text);
  return reads;
}

}  // namespace

TEST_CASE("hid keyboard: a real read '0012345678⏎' as press/release reports gives the text once") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  const auto reports = typing("0012345678", 0x28, t0);
  REQUIRE(reports.size() == 22);
  CHECK(feed_all(d, reports) == std::vector<std::string>{"0012345678"});
  // The next card right after gives its own read.
  CHECK(feed_all(d, typing("0492600035", 0x58, t0 + 1s)) == std::vector<std::string>{"0492600035"});  // keypad Enter
}

TEST_CASE("hid keyboard: a digit held across reports is one key, a repeat needs a release") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  CHECK_FALSE(d.feed(keys(0, 0x27), t0));
  CHECK_FALSE(d.feed(keys(0, 0x27), t0 + 10ms));  // still held: not a second 0
  CHECK_FALSE(d.feed(keys(0, 0x27, 0x1E), t0 + 20ms));  // 0 held, 1 new
  CHECK_FALSE(d.feed(release, t0 + 30ms));
  CHECK_FALSE(d.feed(keys(0, 0x1E), t0 + 40ms));  // 1 again after a release: new
  CHECK(d.feed(keys(0, 0x28), t0 + 50ms) == std::optional<std::string>("011"));
}

TEST_CASE("hid keyboard: shift from either shift bit, hex letters, W26 comma, keypad digits") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  CHECK(feed_all(d, typing("E37A5C1D", 0x28, t0)) == std::vector<std::string>{"E37A5C1D"});
  CHECK(feed_all(d, typing("122,23581", 0x28, t0 + 1s)) == std::vector<std::string>{"122,23581"});
  CHECK_FALSE(d.feed(keys(0x20, 0x04), t0 + 2s));         // right shift + a
  CHECK_FALSE(d.feed(keys(0x00, 0x04, 0x59), t0 + 2010ms));  // a held, keypad 1 new
  CHECK_FALSE(d.feed(keys(0x00, 0x62), t0 + 2020ms));        // keypad 0
  CHECK_FALSE(d.feed(keys(0x02, 0x1E), t0 + 2030ms));        // shift + 1 = '!'
  CHECK(d.feed(keys(0, 0x28), t0 + 2040ms) == std::optional<std::string>("A10!"));
  CHECK(usage_to_char(0x04, false, KeyboardLayout::us) == 'a');
  CHECK(usage_to_char(0x1D, true, KeyboardLayout::us) == 'Z');
  CHECK(usage_to_char(0x27, false, KeyboardLayout::us) == '0');
  CHECK(usage_to_char(0x63, false, KeyboardLayout::us) == '.');
  CHECK(usage_to_char(0x2D, true, KeyboardLayout::us) == '_');
  CHECK_FALSE(usage_to_char(0x32, false, KeyboardLayout::us));  // non-US # is not on a US keyboard
  CHECK_FALSE(usage_to_char(0x29, false, KeyboardLayout::us));  // Esc
  CHECK_FALSE(usage_to_char(0x28, false, KeyboardLayout::us));  // Enter is a terminator, not text
}

TEST_CASE("hid keyboard: phantom reports, short and long reports and modifier-only changes are ignored") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  CHECK_FALSE(d.feed(keys(0, 0x1F), t0));  // '2'
  const Report phantom{0, 0, 1, 1, 1, 1, 1, 1};
  CHECK_FALSE(d.feed(phantom, t0 + 10ms));
  CHECK_FALSE(d.feed(keys(0, 0x1F), t0 + 20ms));  // after a phantom, 2 is still the held key
  const std::array<std::uint8_t, 7> short_report{0, 0, 0x20, 0, 0, 0, 0};
  const std::array<std::uint8_t, 9> long_report{0, 0, 0x20, 0, 0, 0, 0, 0, 0};
  CHECK_FALSE(d.feed(short_report, t0 + 30ms));
  CHECK_FALSE(d.feed(long_report, t0 + 40ms));
  CHECK_FALSE(d.feed(keys(0x02, 0x1F), t0 + 50ms));  // only shift changed: 2 is not pressed again
  CHECK(d.feed(keys(0, 0x28), t0 + 60ms) == std::optional<std::string>("2"));
}

TEST_CASE("hid keyboard: a gap longer than key_gap drops a partial read") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  auto half = typing("00123", 0, t0);
  CHECK(feed_all(d, half).empty());
  // The reader was pulled away; 150 ms later a full read starts: only it comes out.
  CHECK(feed_all(d, typing("0012345678", 0x28, t0 + 250ms)) == std::vector<std::string>{"0012345678"});
  // An Enter alone (no text) is nothing.
  CHECK_FALSE(d.feed(keys(0, 0x28), t0 + 1s));
}

TEST_CASE("hid keyboard: Tab and no-terminator profiles") {
  HidKeyboardDecoder tab(KeyboardLayout::us, Terminator::tab, 100ms);
  CHECK(feed_all(tab, typing("1D5C7AE3", 0x2B, t0)) == std::vector<std::string>{"1D5C7AE3"});
  // An Enter is not a Tab reader's terminator and is not text either.
  CHECK(feed_all(tab, typing("12", 0x28, t0 + 1s)).empty());

  HidKeyboardDecoder none(KeyboardLayout::us, Terminator::none, 100ms);
  const auto reports = typing("0012345678", 0, t0);
  CHECK(feed_all(none, reports).empty());
  const auto last_key = reports[reports.size() - 2].at;
  CHECK_FALSE(none.flush(last_key + 100ms));  // exactly the gap: not yet
  CHECK(none.flush(last_key + 101ms) == std::optional<std::string>("0012345678"));
  CHECK_FALSE(none.flush(last_key + 500ms));  // once
  // Without a flush the next read's first report ends the pending one.
  CHECK(feed_all(none, typing("0492600035", 0, t0 + 5s)).empty());
  CHECK(none.feed(keys(0, 0x27), t0 + 10s) == std::optional<std::string>("0492600035"));
}

TEST_CASE("hid keyboard: a run longer than max_wedge_read is noise and dropped up to its end") {
  HidKeyboardDecoder d(KeyboardLayout::us, Terminator::enter, 100ms);
  const std::string long_run(max_wedge_read + 1, '7');
  CHECK(feed_all(d, typing(long_run, 0x28, t0)).empty());
  const std::string longest(max_wedge_read, '7');
  CHECK(feed_all(d, typing(longest, 0x28, t0 + 10s)) == std::vector<std::string>{longest});
}
