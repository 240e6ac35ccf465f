// code_repeat_filter: a code held in front of the camera is one scan, not one per frame. Pure.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

#include "classbook/common/clock.hpp"
#include "drivers/scan/code_decoder.hpp"

namespace classbook::drivers {

// The same code (format and text) seen again within this is the same scan. Like a card reader's
// debounce, but a camera sees a held code in every frame, and may lose it for a frame or two when
// the hand moves; two seconds bridges that and still lets a pupil show the same slip again.
inline constexpr std::chrono::milliseconds kCodeRepeatWindow{2000};

class CodeRepeatFilter {
 public:
  explicit CodeRepeatFilter(std::chrono::milliseconds window = kCodeRepeatWindow) : window_(window) {}
  // True when this sighting is a new scan; false when the same code was seen within the window.
  // Every sighting extends the window: a slip left under the camera is one scan.
  bool accept(const DecodedCode& code, TimePoint at);

 private:
  std::chrono::milliseconds window_;
  std::unordered_map<std::string, TimePoint> last_seen_;  // pruned of entries older than the window
};

}  // namespace classbook::drivers
