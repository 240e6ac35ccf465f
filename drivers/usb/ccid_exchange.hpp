// ccid_exchange: CCID commands over bulk OUT/IN, one at a time — each gets the next bSeq, a reply
// with another bSeq is a stale one and skipped, time-extension replies mean "keep waiting".
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "drivers/card/ccid.hpp"
#include "drivers/usb/usb_driver.hpp"
#include "drivers/usb/usb_transfer.hpp"

namespace classbook::drivers::usb {

inline constexpr unsigned ccid_send_timeout_ms = 1000;
inline constexpr unsigned ccid_reply_timeout_ms = 2000;  // per reply; a time extension restarts it
inline constexpr int ccid_max_time_extensions = 30;
inline constexpr int ccid_max_stale_replies = 4;
inline constexpr std::size_t ccid_reply_buffer = 512;  // the ACR122U's replies are well under this

class CcidExchange {
 public:
  using Build = std::function<ccid::Bytes(std::uint8_t seq)>;
  using Handler = std::function<void(const ccid::Reply&)>;

  CcidExchange(libusb_device_handle* handle, std::uint8_t out, std::uint8_t in, DriverHost& host);

  // Queues a command; `what` names it in fault messages. The handler runs on its reply.
  void send(std::string what, Build build, Handler on_reply);
  // Queues a command ahead of the others (a GET RESPONSE that completes the command just answered).
  void send_next(std::string what, Build build, Handler on_reply);

  bool busy() const { return current_.has_value() || !queue_.empty(); }
  bool idle() const { return !out_.in_flight() && !in_.in_flight(); }
  void cancel();

 private:
  struct Command {
    std::string what;
    Build build;
    Handler handler;
  };
  void pump();
  void read_reply();
  void on_sent(UsbTransfer& t);
  void on_reply(UsbTransfer& t);
  void fail(UsbFault fault);

  libusb_device_handle* handle_;
  std::uint8_t out_ep_, in_ep_;
  DriverHost& host_;
  std::deque<Command> queue_;
  std::optional<Command> current_;
  std::uint8_t seq_ = 0;
  int extensions_ = 0, stale_ = 0;
  UsbTransfer out_, in_;
  bool stopped_ = false;  // cancelled or failed: nothing more is sent
};

}  // namespace classbook::drivers::usb
