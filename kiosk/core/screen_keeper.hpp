// screen_keeper: the agent's draft of the screen; publish() hands it to the Screen only when
// something a person could see has changed, with a new seq.
#pragma once

#include "classbook/common/clock.hpp"
#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk {

class ScreenKeeper {
 public:
  ScreenKeeper(Screen& screen, ScreenState initial) : screen_(screen), draft_(std::move(initial)) {}

  ScreenState& draft() { return draft_; }
  const ScreenState& shown() const { return shown_; }

  // Starts a new message: every message field reset, then `banner` until `until` (0 = stays).
  void message(Banner banner, TimePoint until);
  void idle() { message(Banner::idle, TimePoint{}); }
  TimePoint banner_until() const;

  void publish();

 private:
  Screen& screen_;
  ScreenState draft_;
  ScreenState shown_;
  bool ever_shown_ = false;
};

bool same_picture(const ScreenState& a, const ScreenState& b);  // equal but for seq

}  // namespace classbook::kiosk
