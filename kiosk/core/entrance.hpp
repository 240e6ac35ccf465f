// entrance: what an entrance kiosk does with a card — spool it (durable), let the courier carry
// it, and tell the person: green/red if the box answers within online_answer, amber otherwise
// (grey-blue "sent to the office" when the box says this is the office's desk reader).
// Every answer is shown as it comes, even when a newer tap already waits: each pupil sees their
// own. An answer replaced early stays listed in ScreenState::recent until its time is up.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/courier.hpp"
#include "kiosk/core/kiosk_config.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/screen_keeper.hpp"
#include "kiosk/core/server_contact.hpp"

namespace classbook::kiosk {

// Taps still waiting for their on-screen answer; more than this in one second is a queue at the
// door, and the oldest just get no coloured answer.
inline constexpr std::size_t max_awaiting_answers = 16;
// Earlier answers listed beside the current one (ScreenState::recent): a rush at the door shows at
// most this many names besides the newest, each until its own banner time runs out.
inline constexpr std::size_t max_recent_answers = 4;

class Entrance {
 public:
  Entrance(Clock& clock, const KioskConfig& config, TapSpool& spool, Courier& courier, ServerContact& contact,
           ScreenKeeper& screen, ReaderFeedback& feedback)
      : clock_(clock), config_(config), spool_(spool), courier_(courier), contact_(contact), screen_(screen),
        feedback_(feedback) {}

  void on_card(const drivers::CardRead& read);
  void on_outcome(const TapOutcome& outcome);
  void tick();
  std::optional<TimePoint> next_wakeup() const;

 private:
  struct Awaiting {
    std::int64_t seq = 0;
    std::string reader;
    TimePoint at;        // the read
    TimePoint deadline;  // amber after this
  };
  void show_offline(const Awaiting& a);
  // screen_.message(), after moving the answer now on screen (if its time is not up) to `recent`.
  void replace_message(Banner banner, TimePoint until);
  void drop_expired_recent(TimePoint now);
  std::string local_time(TimePoint at, const std::string& server_at = {}) const;

  Clock& clock_;
  const KioskConfig& config_;
  TapSpool& spool_;
  Courier& courier_;
  ServerContact& contact_;
  ScreenKeeper& screen_;
  ReaderFeedback& feedback_;
  std::deque<Awaiting> awaiting_;
};

}  // namespace classbook::kiosk
