// Clock: the one seam through which anything that stamps or expires reads the time.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace classbook {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

// FakeClock: tests set and advance it; thread-safe so a server under test can read it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : ms_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  void set(TimePoint t) { ms_ = t.time_since_epoch().count(); }
  void advance(std::chrono::milliseconds d) { ms_ += d.count(); }

 private:
  std::atomic<long long> ms_;
};

// ISO-8601 UTC with milliseconds, "2026-11-29T08:14:03.120Z".
std::string format_utc(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; false when malformed.
bool parse_utc(std::string_view text, TimePoint& out);

}  // namespace classbook
