// hall: a hall kiosk shows a pupil's week diary — card or QR, then the PIN on the touch screen,
// then the diary with week steps; back to idle (PIN wiped) after hall_idle without a touch.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/pin_buffer.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/screen_keeper.hpp"
#include "kiosk/core/server_contact.hpp"
#include "kiosk/core/timing.hpp"

namespace classbook::kiosk {

inline constexpr const char* card_qr_prefix = "classbook:card:";  // a pupil's QR code
// What the diary screen's `detail` says after the print button until printing exists
// (the documents work fills print_extract in).
inline constexpr const char* printing_later = "printing_later";

class Hall {
 public:
  Hall(Clock& clock, const Timing& timing, Uplink& uplink, ServerContact& contact, ScreenKeeper& screen,
       ReaderFeedback& feedback)
      : clock_(clock), timing_(timing), uplink_(uplink), contact_(contact), screen_(screen), feedback_(feedback) {}

  void on_card(const drivers::CardRead& read);
  void on_code(const drivers::CodeScan& scan);

  void pin_digit(int digit);
  void pin_erase();
  void pin_submit();
  void week_step(int delta);
  void done();
  void print_extract();

  void tick();
  std::optional<TimePoint> next_wakeup() const;

 private:
  enum class Step { idle, pin, diary, notice };
  struct Session {
    std::string card;  // one of card / qr
    std::string qr;
    std::string reader;
    PinBuffer pin;
    std::string week;  // shown week; "" until the first diary
  };
  void begin(std::string card, std::string qr, const std::string& reader);
  void ask(const std::string& week);
  void on_reply(std::uint64_t generation, Reply r);
  void show_pin();
  void notice(Banner banner, const std::string& detail = {});
  void end();
  TimePoint idle_deadline() const { return last_touch_ + timing_.hall_idle; }

  Clock& clock_;
  const Timing& timing_;
  Uplink& uplink_;
  ServerContact& contact_;
  ScreenKeeper& screen_;
  ReaderFeedback& feedback_;
  Step step_ = Step::idle;
  std::unique_ptr<Session> session_;
  bool asking_ = false;
  std::uint64_t generation_ = 0;  // replies to an ended session are dropped
  TimePoint last_touch_{};
};

}  // namespace classbook::kiosk
