// card_anomaly: the entrance's suspicious patterns — one card at two doors at once, an entry while
// already inside, a run of unknown cards — as pure rules over what the tap's own transaction read.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk_pin.hpp"  // Instant

namespace classbook::domain {

constexpr auto two_entrances_window = std::chrono::seconds(60);  // one card at two kiosks closer than this
constexpr int unknown_cards_alarm = 3;                          // unknown cards in a row at one kiosk

// What the kiosk says a tap means: set per kiosk in its config; toggle when it cannot know.
enum class TapDirection { in, out, toggle };
const char* to_string(TapDirection d);
std::optional<TapDirection> parse_tap_direction(std::string_view text);

enum class Anomaly { two_entrances, already_inside, unknown_cards };
const char* to_string(Anomaly a);
std::optional<Anomaly> parse_anomaly(std::string_view text);

// The anomalies that name a pupil and so concern the pupil's class teacher; unknown_cards names
// nobody and stays in the office's security log.
constexpr Anomaly pupil_anomalies[] = {Anomaly::two_entrances, Anomaly::already_inside};

// Which way a known pupil's tap goes: as the kiosk says, or for toggle the opposite of where the
// entrance last saw the pupil today.
bool goes_in(TapDirection requested, bool inside_today);

// The entrance's presence row speaks only for the school day it was written on: a pupil who did
// not tap out yesterday is not inside this morning.
bool inside_today(bool inside, std::optional<Instant> last_at, Instant at, int utc_offset_minutes);

struct CardSighting {
  long long kiosk_id = 0;
  Instant at;
};

// What the tap's transaction read before writing the tap.
struct TapFacts {
  bool known_pupil = false;
  TapDirection requested = TapDirection::toggle;
  bool inside_today = false;  // before this tap
  long long kiosk_id = 0;
  Instant at;
  std::optional<CardSighting> previous;  // the pupil's last tap before this one, wherever it was
  int unknown_run_before = 0;            // unknown cards in a row at this kiosk just before this tap
};

// What this tap shows, most serious first; empty for an ordinary tap.
// - two_entrances: a known pupil's previous tap was at another kiosk within the window (either
//   side of `at`, since a spooled tap may arrive after a later one).
// - already_inside: direction `in` while the pupil is inside today.
// - unknown_cards: this card is unknown and completes a run of exactly unknown_cards_alarm at the
//   kiosk — one alarm per run, however long the run grows.
std::vector<Anomaly> detect_anomalies(const TapFacts& f);

// The kiosk's run of unknown cards after this tap: one longer for an unknown card, else none.
int unknown_run_after(const TapFacts& f);

// The class teacher's message about a pupil's anomaly, in the school's language.
std::string anomaly_message(Anomaly a, std::string_view pupil, std::string_view class_name, std::string_view kiosk,
                            std::string_view local_time);

}  // namespace classbook::domain
