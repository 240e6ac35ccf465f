// backoff: doubling reopen delays with a ceiling. Pure.
#include "drivers/usb/backoff.hpp"

#include <algorithm>
#include <cstdio>

namespace classbook::drivers::usb {

std::chrono::milliseconds Backoff::next() {
  const auto d = next_;
  next_ = std::min(max_, next_ * 2);
  return d;
}

std::string format_delay(std::chrono::milliseconds d) {
  char buf[32];
  if (d.count() % 1000 == 0)
    std::snprintf(buf, sizeof buf, "%lld s", static_cast<long long>(d.count() / 1000));
  else
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(d.count()) / 1000.0);
  return buf;
}

}  // namespace classbook::drivers::usb
