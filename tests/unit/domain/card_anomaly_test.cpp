// Tests of the entrance's anomaly rules: two entrances, already inside, a run of unknown cards.
#include <catch2/catch.hpp>
#include <iterator>
#include <vector>

#include "domain/card_anomaly.hpp"

using namespace classbook::domain;
using namespace std::chrono_literals;

namespace {

constexpr int moscow = 180;
// 2026-11-24 08:00 in Moscow is 05:00 UTC.
Instant utc(int hour, int minute, int second = 0) {
  return Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 24}} + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second);
}

TapFacts pupil_tap(long long kiosk, Instant at, TapDirection d = TapDirection::toggle) {
  TapFacts f;
  f.known_pupil = true;
  f.kiosk_id = kiosk;
  f.at = at;
  f.requested = d;
  return f;
}

}  // namespace

TEST_CASE("directions read and print, toggle flips what the entrance knows") {
  CHECK(parse_tap_direction("in") == TapDirection::in);
  CHECK(parse_tap_direction("out") == TapDirection::out);
  CHECK(parse_tap_direction("toggle") == TapDirection::toggle);
  CHECK_FALSE(parse_tap_direction("IN"));
  CHECK(goes_in(TapDirection::toggle, false));
  CHECK_FALSE(goes_in(TapDirection::toggle, true));
  CHECK(goes_in(TapDirection::in, true));
  CHECK_FALSE(goes_in(TapDirection::out, false));
}

TEST_CASE("inside counts only on the school day of the last tap") {
  CHECK(inside_today(true, utc(5, 0), utc(9, 0), moscow));
  CHECK_FALSE(inside_today(false, utc(5, 0), utc(9, 0), moscow));
  CHECK_FALSE(inside_today(true, std::nullopt, utc(9, 0), moscow));
  // Yesterday 17:00 in Moscow: the pupil never tapped out, but is not inside this morning.
  CHECK_FALSE(inside_today(true, utc(5, 0) - 16h, utc(5, 0), moscow));
  // 23:30 UTC on the 23rd is 02:30 on the 24th in Moscow: the same school day as 08:00.
  CHECK(inside_today(true, utc(0, 0) - 30min, utc(5, 0), moscow));
  CHECK_FALSE(inside_today(true, utc(0, 0) - 30min, utc(5, 0), 0));
}

TEST_CASE("an ordinary tap shows nothing") {
  auto f = pupil_tap(1, utc(5, 0));
  f.previous = CardSighting{1, utc(4, 59, 30)};  // the same kiosk twice is a double tap, not two doors
  CHECK(detect_anomalies(f).empty());
  f.previous = CardSighting{2, utc(4, 58, 59)};  // another door, but 61 s before
  CHECK(detect_anomalies(f).empty());
}

TEST_CASE("two_entrances: one card at two kiosks within the window, on either side") {
  REQUIRE(two_entrances_window == 60s);
  auto f = pupil_tap(1, utc(5, 0));
  f.previous = CardSighting{2, utc(4, 59, 0)};  // exactly 60 s
  CHECK(detect_anomalies(f) == std::vector{Anomaly::two_entrances});
  f.previous = CardSighting{2, utc(5, 0, 20)};  // a spooled tap that arrives after a later one
  CHECK(detect_anomalies(f) == std::vector{Anomaly::two_entrances});
  // An unknown card at two doors is the unknown-cards rule's business, not this one's.
  f.known_pupil = false;
  CHECK(detect_anomalies(f).empty());
  // A presence row from before kiosks were recorded names kiosk 0: nothing to compare.
  f.known_pupil = true;
  f.previous = CardSighting{0, utc(5, 0, 10)};
  CHECK(detect_anomalies(f).empty());
  // No earlier tap at all: nothing to compare.
  f.previous.reset();
  CHECK(detect_anomalies(f).empty());
}

TEST_CASE("already_inside: direction in while inside today, toggle and out never") {
  auto f = pupil_tap(1, utc(5, 0), TapDirection::in);
  f.inside_today = true;
  CHECK(detect_anomalies(f) == std::vector{Anomaly::already_inside});
  f.requested = TapDirection::toggle;
  CHECK(detect_anomalies(f).empty());
  f.requested = TapDirection::out;
  CHECK(detect_anomalies(f).empty());
  f.requested = TapDirection::in;
  f.inside_today = false;
  CHECK(detect_anomalies(f).empty());
  // Both at once: the more serious first.
  f.inside_today = true;
  f.previous = CardSighting{2, utc(5, 0, 10)};
  CHECK(detect_anomalies(f) == std::vector{Anomaly::two_entrances, Anomaly::already_inside});
}

TEST_CASE("unknown_cards: the third unknown card in a row at a kiosk, once per run") {
  REQUIRE(unknown_cards_alarm == 3);
  TapFacts f;
  f.kiosk_id = 1;
  f.at = utc(5, 0);
  // A run of unknown cards at one kiosk, tap by tap: only the third raises the alarm.
  std::vector<bool> alarms;
  for (int tap = 0; tap < 8; ++tap) {
    alarms.push_back(detect_anomalies(f) == std::vector{Anomaly::unknown_cards});
    f.unknown_run_before = unknown_run_after(f);
  }
  CHECK(alarms == std::vector<bool>{false, false, true, false, false, false, false, false});
  CHECK(f.unknown_run_before == unknown_cards_alarm + 1);  // bounded, however long the run
  // A known card ends the run and raises nothing of its own.
  f.known_pupil = true;
  f.unknown_run_before = 2;
  CHECK(detect_anomalies(f).empty());
  CHECK(unknown_run_after(f) == 0);
  f.known_pupil = false;
  f.unknown_run_before = 0;
  CHECK(detect_anomalies(f).empty());
  CHECK(unknown_run_after(f) == 1);
}

TEST_CASE("the class teacher's message names the pupil, the class, the kiosk and the time") {
  for (auto a : {Anomaly::two_entrances, Anomaly::already_inside}) {
    const auto text = anomaly_message(a, "Анна Петрова", "5А", "entrance-1", "08:12");
    CAPTURE(text);
    CHECK(text.find("Анна Петрова (5А)") != std::string::npos);
    CHECK(text.find("entrance-1") != std::string::npos);
    CHECK(text.find("08:12") != std::string::npos);
  }
  CHECK(anomaly_message(Anomaly::two_entrances, "A", "5А", "k", "08:12") !=
        anomaly_message(Anomaly::already_inside, "A", "5А", "k", "08:12"));
  CHECK(std::string(to_string(Anomaly::unknown_cards)) == "unknown_cards");
}

TEST_CASE("kinds read back from the log, and only those naming a pupil reach the class teacher") {
  for (auto a : {Anomaly::two_entrances, Anomaly::already_inside, Anomaly::unknown_cards})
    CHECK(parse_anomaly(to_string(a)) == a);
  CHECK_FALSE(parse_anomaly("audit_mismatch"));  // the audit check's findings share the log
  CHECK_FALSE(parse_anomaly("pin_locked"));
  CHECK_FALSE(parse_anomaly(""));
  const std::vector<Anomaly> pupils(std::begin(pupil_anomalies), std::end(pupil_anomalies));
  CHECK(pupils == std::vector<Anomaly>{Anomaly::two_entrances, Anomaly::already_inside});
}
