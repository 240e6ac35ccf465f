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
#include "app/views.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

constexpr const char* card_qr_prefix = "classbook:card:";  // the text of a pupil's QR code, then the card id
constexpr std::size_t max_pin_chars = 16;                    // what we read of a typed PIN at all

struct KioskDiaryQuery {
  std::string card;  // one of card and qr
  std::string qr;
  std::string pin;
  std::string week;  // "" for this week
};

struct KioskDiaryOutcome {
  std::optional<DiaryWeekView> diary;  // the PIN was right
  std::string refusal;                 // else kiosk_error::no_pin, wrong_pin or pin_locked
  int attempts_left = 0;               // wrong_pin
  std::string locked_until;            // pin_locked, UTC
};

class KioskDiary {
 public:
  explicit KioskDiary(Context& ctx) : ctx_(ctx) {}
  void open(const domain::Actor& kiosk, KioskDiaryQuery q, Reply<KioskDiaryOutcome> reply);

 private:
  bool begin_check(Id student_id);
  void end_check(Id student_id);
  Context& ctx_;
  std::mutex mutex_;
  std::set<Id> checking_;  // pupils whose PIN is being checked now
};

}  // namespace classbook::app
