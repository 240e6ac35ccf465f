// agent_loop: the agent's one thread — an io_context on which KioskLogic, the uplink and the spool
// run. Readers and the screen post into it from their own threads; a timer follows next_wakeup().
#pragma once

#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "kiosk/core/kiosk_logic.hpp"

namespace classbook::kiosk {

class AgentLoop final : public drivers::ReaderSink {
 public:
  AgentLoop(boost::asio::io_context& io, KioskLogic& logic, Clock& clock);

  void start();  // on the loop: logic.start() and the first timer

  // ReaderSink: called from reader threads, each event runs on the loop.
  void on_card(const drivers::CardRead& read) override;
  void on_code(const drivers::CodeScan& scan) override;
  void on_status(const drivers::ReaderStatus& status) override;

  // Runs `task` on the loop; thread-safe. The screen server's inputs come this way.
  void post(std::function<void()> task);

 private:
  void rearm();

  boost::asio::io_context& io_;
  KioskLogic& logic_;
  Clock& clock_;
  boost::asio::steady_timer timer_;
};

}  // namespace classbook::kiosk
