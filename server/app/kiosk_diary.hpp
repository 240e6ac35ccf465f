// kiosk_diary: a pupil's week on a hall kiosk — card or QR code, then the pupil's PIN. The argon2id
// check runs on the hashing pool (ctx.hashing), never on a network thread or the writer; the writer
// only records its outcome. One
// check per pupil at a time, so the count read before a check is still the count when it is recorded.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "app/context.hpp"
#include "app/diary_extract.hpp"
#include "app/views.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr const char* card_qr_prefix = "classbook:card:";  // the text of a pupil's QR code, then the card id
constexpr std::size_t max_pin_chars = 16;                    // what we read of a typed PIN at all

// A hall kiosk prints the week's extract this many times a day for a pupil, unless classbookd.toml's
// [kiosk] prints_per_day says otherwise: paper is the school's, and a queue of friends is not a need.
constexpr int default_kiosk_prints_per_day = 3;

struct KioskDiaryQuery {
  std::string card;  // one of card and qr
  std::string qr;
  std::string pin;
  std::string week;  // "" for this week
  bool extract = false;     // the week's extract as a PDF, for the kiosk's own printer
  std::string box_origin;   // extract: the address its verification link names
};

struct KioskDiaryOutcome {
  std::optional<DiaryWeekView> diary;  // the PIN was right
  std::optional<IssuedPdf> extract;    // … and the extract was asked for
  int prints_left = 0;                 // extract: how many more today
  std::string refusal;                 // else kiosk_error::no_pin, wrong_pin, pin_locked or print_limit
  int attempts_left = 0;               // wrong_pin
  std::string locked_until;            // pin_locked, UTC
};

class KioskDiary {
 public:
  explicit KioskDiary(Context& ctx) : ctx_(ctx) {}
  void open(const domain::Actor& kiosk, KioskDiaryQuery q, Reply<KioskDiaryOutcome> reply);
  void set_prints_per_day(int n) { prints_per_day_ = n; }

 private:
  int prints_per_day_ = default_kiosk_prints_per_day;
  bool begin_check(Id student_id);
  void end_check(Id student_id);
  Context& ctx_;
  std::mutex mutex_;
  std::set<Id> checking_;  // pupils whose PIN is being checked now
};

}  // namespace classbook::app
