// debouncer: one tap per card presentation, however often the reader repeats it.
#include "drivers/card/debouncer.hpp"

#include <algorithm>

namespace classbook::drivers {

bool Debouncer::accept(const CardId& card, TimePoint at) {
  std::erase_if(last_seen_, [&](const auto& e) { return at - e.second > window_; });
  const auto key = std::string(to_string(card.tech)) + ":" + card.hex;
  const auto it = last_seen_.find(key);
  if (it == last_seen_.end()) {
    last_seen_.emplace(key, at);
    return true;
  }
  it->second = std::max(it->second, at);  // a clock step back must not shorten the window
  return false;
}

}  // namespace classbook::drivers
