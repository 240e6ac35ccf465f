// address_window: how often each client address did something within a sliding window — for what
// anyone may ask without signing in (a document's verification) but nobody should ask in bulk.
// Bounded: past max_addresses, addresses whose window is over are forgotten first.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "classbook/common/clock.hpp"

namespace classbook::app {

class AddressWindow {
 public:
  AddressWindow(std::size_t max_events, std::chrono::seconds window, std::size_t max_addresses)
      : max_events_(max_events), window_(window), max_addresses_(max_addresses) {}

  // Seconds to wait before the next, 0 when allowed — and then this one is counted.
  int take(const std::string& address, TimePoint now);

 private:
  const std::size_t max_events_;
  const std::chrono::seconds window_;
  const std::size_t max_addresses_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<TimePoint>> events_;
};

}  // namespace classbook::app
