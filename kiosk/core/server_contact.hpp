// server_contact: is the box there, and does it still know this kiosk? Every reply feeds it; while
// nothing else talks to the box it sends `hello` every hello_interval, sooner after failures.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "classbook/common/clock.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/timing.hpp"

namespace classbook::kiosk {

class ServerContact {
 public:
  ServerContact(Clock& clock, Uplink& uplink, const Timing& timing) : clock_(clock), uplink_(uplink), timing_(timing) {}

  // Called whenever sending becomes possible again (reachable and authorised after not being so).
  void on_restored(std::function<void()> f) { on_restored_ = std::move(f); }

  void start() { send_hello(); }
  void tick();
  std::optional<TimePoint> next_wakeup() const;

  // Every reply from any request passes through here.
  void note(const Reply& r);
  // A tap is waiting and the box was not reachable: probe now rather than at the next interval.
  void probe_soon();

  bool reachable() const { return state_ == State::up; }
  bool authorised() const { return problem_.empty(); }
  bool ready_to_send() const { return reachable() && authorised(); }
  const std::string& problem() const { return problem_; }  // "this kiosk was revoked; enrol it again"
  const std::string& last_contact() const { return last_contact_; }
  const std::string& school() const { return school_; }
  const std::string& kiosk_name() const { return kiosk_name_; }
  const std::string& kiosk_mode() const { return kiosk_mode_; }  // as the box has it enrolled
  std::optional<int> utc_offset_minutes() const { return utc_offset_; }

 private:
  enum class State { unknown, up, down };
  void send_hello();
  void on_hello(Reply r);

  Clock& clock_;
  Uplink& uplink_;
  const Timing& timing_;
  std::function<void()> on_restored_;
  State state_ = State::unknown;
  std::string problem_;
  std::string last_contact_;
  std::string school_;
  std::string kiosk_name_;
  std::string kiosk_mode_;
  std::optional<int> utc_offset_;
  bool hello_in_flight_ = false;
  int failures_ = 0;
  TimePoint next_hello_{};
  TimePoint last_probe_{};
};

}  // namespace classbook::kiosk
