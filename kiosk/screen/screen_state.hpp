// screen_state: everything the kiosk's screen shows, as one value. The agent (kiosk/core) builds
// it; the screen server (kiosk/screen) renders it into the page and streams each change over SSE.
// Texts are codes, not words: the page says them in Russian or English.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/reader.hpp"

namespace classbook::kiosk {

enum class Mode { entrance, hall };

// What the big part of the screen says now.
enum class Banner {
  idle,              // entrance: "Tap your card"; hall: "Tap your card or show your QR code"
  welcome,           // green: "Welcome, Anna — 08:12"        (server answered "in")
  goodbye,           // green: "Goodbye, Anna — 15:40"        (server answered "out")
  unknown_card,      // red: "Card not recognised — see the secretary"
  sent_to_desk,      // calm grey-blue: "Card sent to the office" (server answered "desk": the office's reader)
  recorded_offline,  // amber: "Recorded, will send" (spooled, server not reachable)
  enter_pin,         // hall: PIN pad for `person`
  wrong_pin,         // hall: "Wrong PIN — N attempts left"
  pin_locked,        // hall: "Too many attempts — try again at HH:MM"
  no_pin,            // hall: "Set a PIN in the web diary first"
  diary,             // hall: the week diary in `diary_json`
  error,             // anything else; `detail` says what, for a person
};
const char* to_string(Banner b);

// An entrance's answer that a newer one replaced before its banner time ran out. The page lists
// these beside the big banner, so a pupil whose welcome was replaced within milliseconds by the
// next pupil's still finds their own name on the screen.
struct RecentAnswer {
  Banner banner = Banner::welcome;  // welcome | goodbye | unknown_card | sent_to_desk
  std::string person;
  std::string class_name;
  std::string time_text;
  std::int64_t until_ms = 0;  // when it leaves the list (ms since epoch)
  friend bool operator==(const RecentAnswer&, const RecentAnswer&) = default;
};

// Where the hall's Print button has got to, shown on the diary screen.
enum class PrintStage {
  none,         // not pressed in this session
  unavailable,  // this kiosk has no printer: "ask the office"
  preparing,    // the box is making the extract
  printing,     // the kiosk's printer has it (queued or printing)
  stopped,      // the printer holds it: `problem` and `reason` say why (no paper, a jam, …); still waiting
  printed,      // done: take it; `prints_left` today
  failed,       // it will not print: `problem` says why
};
const char* to_string(PrintStage s);

// Codes for `problem`, which the page puts in words (texts.js): the printer's state when it stops
// (printing::to_string(PrinterState): out_of_paper, jammed, off, unreachable, other_problem), or why
// a print failed.
namespace print_problem {
inline constexpr const char* print_limit = "print_limit";          // the box: the day's prints are used up
inline constexpr const char* box_unreachable = "box_unreachable";  // no answer from the box
inline constexpr const char* box_refused = "box_refused";          // the box said no; `reason` says why
inline constexpr const char* printer_unreachable = "printer_unreachable";  // this kiosk's CUPS does not answer
inline constexpr const char* printer_refused = "printer_refused";  // CUPS would not take the job
inline constexpr const char* cancelled = "cancelled";              // someone cancelled the job
inline constexpr const char* timed_out = "timed_out";              // not printed in time: cancelled
}  // namespace print_problem

struct PrintProgress {
  PrintStage stage = PrintStage::none;
  std::string problem;   // a print_problem code or a printer state (stopped, failed)
  std::string reason;    // the printer's or the box's own words, for a person (may be empty)
  int prints_left = -1;  // printed: how many more today; -1 when the box did not say
  friend bool operator==(const PrintProgress&, const PrintProgress&) = default;
};

struct ScreenState {
  std::uint64_t seq = 0;  // bumps on every change; the SSE event id
  Mode mode = Mode::entrance;
  std::string language = "ru";  // "ru" | "en": the page's default; a button switches it
  std::string kiosk_name;       // "Main entrance"
  std::string school;           // from the server's hello, may be empty before the first contact

  // Health, always shown in the footer.
  bool server_reachable = false;
  std::string last_contact;     // ISO UTC of the last answer from the server, "" if never
  std::int64_t spool_depth = 0; // taps recorded here and not yet acknowledged by the server
  std::vector<drivers::ReaderStatus> readers;

  // The current message.
  Banner banner = Banner::idle;
  std::string person;      // "Анна Петрова"
  std::string class_name;  // "5А"
  std::string time_text;   // "08:12", local school time of the tap
  std::string detail;      // error text, or the lock-until time for pin_locked
  int attempts_left = 0;   // wrong_pin
  int pin_length = 0;      // enter_pin: digits typed so far (the digits never leave the agent's memory)
  std::string week;        // diary: "2026-W48"
  std::string diary_json;  // diary: the server's diary JSON for that week, passed through as is
  PrintProgress print;     // diary: the Print button's progress
  std::int64_t banner_until_ms = 0;  // when the banner returns to idle (ms since epoch), 0 = stays

  // Entrance: earlier answers still within their banner time, newest first (not a message field:
  // a new message keeps them).
  std::vector<RecentAnswer> recent;
};

// The screen as the agent sees it. show() is called on the agent's thread with every new state.
class Screen {
 public:
  virtual ~Screen() = default;
  virtual void show(const ScreenState& state) = 0;
};

// What the person does on the (touch) screen in hall mode; the screen server calls these on the
// agent's thread (it posts them there).
class ScreenInput {
 public:
  virtual ~ScreenInput() = default;
  virtual void pin_digit(int digit) = 0;  // 0..9
  virtual void pin_erase() = 0;
  virtual void pin_submit() = 0;
  virtual void week_step(int delta) = 0;  // -1 previous week, +1 next week
  virtual void done() = 0;                // back to idle now
  // Prints the shown week's extract on this kiosk's printer; the diary screen shows the progress.
  virtual void print_extract() = 0;
};

}  // namespace classbook::kiosk
