// agent_loop: posting and one timer; everything else is KioskLogic's.
#include "kiosk/app/agent_loop.hpp"

#include <boost/asio/post.hpp>

namespace classbook::kiosk {

AgentLoop::AgentLoop(boost::asio::io_context& io, KioskLogic& logic, Clock& clock)
    : io_(io), logic_(logic), clock_(clock), timer_(io) {
  logic_.on_step([this] { rearm(); });
}

void AgentLoop::start() {
  post([this] { logic_.start(); });
}

void AgentLoop::post(std::function<void()> task) { boost::asio::post(io_, std::move(task)); }

void AgentLoop::on_card(const drivers::CardRead& read) {
  post([this, read] { logic_.on_card(read); });
}

void AgentLoop::on_code(const drivers::CodeScan& scan) {
  post([this, scan] { logic_.on_code(scan); });
}

void AgentLoop::on_status(const drivers::ReaderStatus& status) {
  post([this, status] { logic_.on_status(status); });
}

void AgentLoop::rearm() {
  const auto wake = logic_.next_wakeup();
  if (!wake) {
    timer_.cancel();
    return;
  }
  const auto delay = std::max(std::chrono::milliseconds(0), *wake - clock_.now());
  timer_.expires_after(delay);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) logic_.tick();
  });
}

}  // namespace classbook::kiosk
