// taps: a card at the entrance — the tap, the entrance's idea of who is inside, and the card
// anomalies (domain/card_anomaly) found in the tap's own transaction, with their security-log rows
// and the class teacher's message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/kiosks.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr auto tap_max_age = std::chrono::days(31);       // a kiosk offline for a month still replays
constexpr auto tap_max_ahead = std::chrono::minutes(10);  // kiosk clocks drift; further ahead is wrong
constexpr std::size_t max_reader_chars = 64;
// The conversation in which the box tells a class teacher about the class's card anomalies.
constexpr const char* anomaly_thread_subject = "Сигналы с входа";

// The office's desk reader (a kiosk enrolled in mode desk): its taps are no entrance.
struct DeskKiosk {
  std::string uuid, name;
};

struct TapInput {
  std::string tap_id, card, reader, at;
  std::string direction = "toggle";  // in | out | toggle
  // Set for a desk kiosk: the card goes to the office's open pages (a live desk_card event) and nothing
  // is written — no tap, presence or anomaly; the answer is "desk".
  std::optional<DeskKiosk> desk;
  // The credential the kiosk proved itself with, when its identity came from the cache unchecked
  // (KioskCheck::in_write): the tap's transaction confirms it first and refuses a revoked kiosk.
  std::optional<KioskCredential> confirm;
};
// A tap's result as the taps table keeps it when the card was blocked (lost or damaged); the kiosk is
// answered unknown_card, as for any card it must not let through, and never told whose it was.
constexpr const char* blocked_card_result = "blocked_card";

struct TapResult {
  // "in" | "out" | "unknown_card" (also a blocked card) | "duplicate" | "desk" (a desk reader's card, passed on)
  std::string result;
  std::optional<store::StudentBrief> student;
  std::string at;
  std::string original;                  // a duplicate's first result
  std::optional<std::string> anomaly;    // the most serious one this tap showed
  std::vector<std::string> anomaly_log;  // one line per anomaly, for classbookd's log after the commit
};
void record_tap(Context& ctx, const domain::Actor& kiosk, TapInput in, Reply<TapResult> reply);

}  // namespace classbook::app
