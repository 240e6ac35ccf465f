// courier: carries spooled taps to the box — oldest first, one at a time, each until the box says
// 2xx. A new tap queues behind older ones, so in/out toggles arrive in the order they happened.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/server_contact.hpp"
#include "kiosk/core/timing.hpp"

namespace classbook::kiosk {

struct TapOutcome {
  enum class Kind {
    delivered,  // the box has it (2xx, a replay's 200 duplicate too)
    rejected,   // the box will never take it (4xx on the tap itself); kept in the spool as rejected
    deferred,   // not this time: unreachable, server error, not authorised; it stays pending
  };
  std::int64_t seq = 0;
  Kind kind = Kind::deferred;
  std::optional<TapAnswer> answer;  // delivered and readable
  std::string message;              // why rejected or deferred
};

class Courier {
 public:
  Courier(Clock& clock, TapSpool& spool, Uplink& uplink, ServerContact& contact, const Timing& timing)
      : clock_(clock), spool_(spool), uplink_(uplink), contact_(contact), timing_(timing) {}

  void on_outcome(std::function<void(const TapOutcome&)> f) { on_outcome_ = std::move(f); }

  // Sends the oldest pending tap if nothing is in flight and the box may be asked.
  void kick();
  void tick();
  std::optional<TimePoint> next_wakeup() const;
  bool sending() const { return in_flight_.has_value(); }

 private:
  void on_reply(std::int64_t seq, Reply r);
  void retry_later();
  void report(const TapOutcome& o);

  Clock& clock_;
  TapSpool& spool_;
  Uplink& uplink_;
  ServerContact& contact_;
  const Timing& timing_;
  std::function<void(const TapOutcome&)> on_outcome_;
  std::optional<std::int64_t> in_flight_;
  std::optional<TimePoint> retry_at_;  // after a server error: not before then
  std::chrono::milliseconds retry_delay_{0};
  bool backlog_ = false;  // something was deferred since the spool was last empty
};

}  // namespace classbook::kiosk
