// backoff: how long the sync client waits after a failure — exponential from 1 s to 10 min with full
// jitter (a random wait between zero and the ceiling, from an injected random source), and the
// portal's Retry-After (seconds or an HTTP date) when it asks for longer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "classbook/common/clock.hpp"

namespace classbook::sync {

constexpr auto backoff_first = std::chrono::seconds(1);
constexpr auto backoff_ceiling = std::chrono::minutes(10);
// A Retry-After beyond this is taken as this: a portal's typo must not silence a box for a week.
constexpr auto max_retry_after = std::chrono::hours(6);

class Backoff {
 public:
  // `random` returns uniformly distributed 64-bit numbers (std::mt19937_64 in production, a fixed
  // seed in tests).
  explicit Backoff(std::function<std::uint64_t()> random) : random_(std::move(random)) {}
  // The wait before the next attempt after one more failure: uniform in [0, min(ceiling, first·2^n)],
  // or the portal's Retry-After when that is longer.
  std::chrono::milliseconds next(std::optional<std::chrono::milliseconds> retry_after = std::nullopt);
  // The ceiling the next failure's wait is drawn below.
  std::chrono::milliseconds ceiling() const;
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::function<std::uint64_t()> random_;
  int failures_ = 0;
};

// Retry-After: delay-seconds, or an IMF-fixdate ("Wed, 21 Oct 2026 07:28:00 GMT") counted from `now`.
// None when absent or unreadable; zero for a date already past.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, TimePoint now);

}  // namespace classbook::sync
