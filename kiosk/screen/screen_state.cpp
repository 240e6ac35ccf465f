// screen_state: the names of the banners and print stages, as the page and the logs spell them.
#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk {

const char* to_string(Banner b) {
  switch (b) {
    case Banner::idle: return "idle";
    case Banner::welcome: return "welcome";
    case Banner::goodbye: return "goodbye";
    case Banner::unknown_card: return "unknown_card";
    case Banner::sent_to_desk: return "sent_to_desk";
    case Banner::recorded_offline: return "recorded_offline";
    case Banner::enter_pin: return "enter_pin";
    case Banner::wrong_pin: return "wrong_pin";
    case Banner::pin_locked: return "pin_locked";
    case Banner::no_pin: return "no_pin";
    case Banner::diary: return "diary";
    case Banner::error: return "error";
  }
  return "error";
}

const char* to_string(PrintStage s) {
  switch (s) {
    case PrintStage::none: return "none";
    case PrintStage::unavailable: return "unavailable";
    case PrintStage::preparing: return "preparing";
    case PrintStage::printing: return "printing";
    case PrintStage::stopped: return "stopped";
    case PrintStage::printed: return "printed";
    case PrintStage::failed: return "failed";
  }
  return "failed";
}

}  // namespace classbook::kiosk
