// kiosk_logic: the whole agent as one state machine over plain events and injected time. The app
// calls it on one thread (the agent's loop) and re-arms a timer for next_wakeup() after each call.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/courier.hpp"
#include "kiosk/core/entrance.hpp"
#include "kiosk/core/hall.hpp"
#include "kiosk/core/kiosk_config.hpp"
#include "kiosk/core/ports.hpp"
#include "kiosk/core/screen_keeper.hpp"
#include "kiosk/core/server_contact.hpp"
#include "printing/printers.hpp"

namespace classbook::kiosk {

struct KioskPorts {
  Clock& clock;
  Uplink& uplink;
  Screen& screen;
  ReaderFeedback& feedback;
  TapSpool* spool = nullptr;  // entrance mode only
  // Hall mode: the print server with [printer] queue; null when this kiosk does not print.
  printing::Printers* printers = nullptr;
};

class KioskLogic final : public ScreenInput {
 public:
  // Entrance mode needs ports.spool.
  KioskLogic(const KioskConfig& config, KioskPorts ports);

  void start();  // first screen, first hello, replay of what an earlier run left in the spool
  // Called after every event and every reply, so the app can re-arm its timer for next_wakeup().
  void on_step(std::function<void()> f) { on_step_ = std::move(f); }
  void on_card(const drivers::CardRead& read);
  void on_code(const drivers::CodeScan& scan);
  void on_status(const drivers::ReaderStatus& status);
  void tick();
  std::optional<TimePoint> next_wakeup() const;

  // Hall mode's touch screen; ignored at an entrance.
  void pin_digit(int digit) override;
  void pin_erase() override;
  void pin_submit() override;
  void week_step(int delta) override;
  void done() override;
  void print_extract() override;

  const ScreenState& screen() const { return screen_.shown(); }
  const ServerContact& contact() const { return contact_; }

 private:
  template <class F>
  void step(F&& f);  // runs f, then brings the footer up to date and publishes
  void refresh();

  // The real uplink, with every reply run as a step() so the screen follows it.
  class SteppingUplink final : public Uplink {
   public:
    SteppingUplink(KioskLogic& logic, Uplink& inner) : logic_(logic), inner_(inner) {}
    void hello(Done done) override { inner_.hello(wrap(std::move(done))); }
    void post_tap(const SpooledTap& tap, Done done) override { inner_.post_tap(tap, wrap(std::move(done))); }
    void hall_diary(const DiaryQuery& q, Done done) override { inner_.hall_diary(q, wrap(std::move(done))); }
    void hall_extract(const DiaryQuery& q, Done done) override { inner_.hall_extract(q, wrap(std::move(done))); }

   private:
    Done wrap(Done done);
    KioskLogic& logic_;
    Uplink& inner_;
  };

  const KioskConfig config_;
  KioskPorts ports_;
  ScreenKeeper screen_;
  SteppingUplink uplink_;
  ServerContact contact_;
  std::unique_ptr<Courier> courier_;
  std::unique_ptr<Entrance> entrance_;
  std::unique_ptr<Hall> hall_;
  bool showing_problem_ = false;
  bool warned_mode_ = false;
  std::function<void()> on_step_;
};

}  // namespace classbook::kiosk
