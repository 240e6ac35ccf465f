// debouncer: the same card presented again within a reader's window counts as one tap. Pure.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

#include "classbook/common/clock.hpp"
#include "drivers/card/card_id.hpp"

namespace classbook::drivers {

class Debouncer {
 public:
  explicit Debouncer(std::chrono::milliseconds window) : window_(window) {}
  // True when this read is a new tap; false when the same card was seen within the window (every
  // repeat extends it: a card left lying on the reader is one tap, not one per window).
  bool accept(const CardId& card, TimePoint at);

 private:
  std::chrono::milliseconds window_;
  std::unordered_map<std::string, TimePoint> last_seen_;  // pruned of entries older than the window
};

}  // namespace classbook::drivers
