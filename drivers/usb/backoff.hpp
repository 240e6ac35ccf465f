// backoff: how long to wait before reopening a failing reader — doubling from a first delay up to
// a ceiling, back to the first once the reader works again. Pure.
#pragma once

#include <chrono>
#include <string>

namespace classbook::drivers::usb {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max) : first_(first), max_(max), next_(first) {}
  // The delay before the next attempt; each call doubles the one after, up to the ceiling.
  std::chrono::milliseconds next();
  void reset() { next_ = first_; }

 private:
  std::chrono::milliseconds first_, max_, next_;
};

// "0.5 s", "4 s", "30 s": a delay as the status line shows it.
std::string format_delay(std::chrono::milliseconds d);

}  // namespace classbook::drivers::usb
