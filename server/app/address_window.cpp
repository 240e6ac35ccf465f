// address_window: see the header.
#include "app/address_window.hpp"

#include <algorithm>

namespace classbook::app {

int AddressWindow::take(const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  if (events_.size() >= max_addresses_ && !events_.contains(address))
    std::erase_if(events_, [&](const auto& kv) { return kv.second.empty() || now - kv.second.back() >= window_; });
  if (events_.size() >= max_addresses_ && !events_.contains(address)) return static_cast<int>(window_.count());
  auto& times = events_[address];
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (times.size() >= max_events_) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now);
    return std::max<int>(1, static_cast<int>(wait.count()));
  }
  times.push_back(now);
  return 0;
}

}  // namespace classbook::app
