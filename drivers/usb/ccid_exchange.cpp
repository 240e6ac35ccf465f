// ccid_exchange: one CCID command at a time with bSeq matching and time extensions.
#include "drivers/usb/ccid_exchange.hpp"

#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {

CcidExchange::CcidExchange(libusb_device_handle* handle, std::uint8_t out, std::uint8_t in, DriverHost& host)
    : handle_(handle), out_ep_(out), in_ep_(in), host_(host), out_(ccid::header_size), in_(ccid_reply_buffer) {}

void CcidExchange::send(std::string what, Build build, Handler on_reply) {
  queue_.push_back(Command{std::move(what), std::move(build), std::move(on_reply)});
  pump();
}

void CcidExchange::send_next(std::string what, Build build, Handler on_reply) {
  queue_.push_front(Command{std::move(what), std::move(build), std::move(on_reply)});
  pump();
}

void CcidExchange::cancel() {
  stopped_ = true;
  queue_.clear();
  out_.cancel();
  in_.cancel();
}

void CcidExchange::pump() {
  if (stopped_ || current_ || queue_.empty()) return;
  current_ = std::move(queue_.front());
  queue_.pop_front();
  ++seq_;
  extensions_ = stale_ = 0;
  const ccid::Bytes message = current_->build(seq_);
  const int r = out_.submit_out(handle_, out_ep_, LIBUSB_TRANSFER_TYPE_BULK, message, ccid_send_timeout_ms,
                                [this](UsbTransfer& t) { on_sent(t); });
  if (r != 0) fail(UsbFault{r == LIBUSB_ERROR_NO_DEVICE, "sending " + current_->what + ": " + usb_error_text(r)});
}

void CcidExchange::read_reply() {
  const int r = in_.submit_in(handle_, in_ep_, LIBUSB_TRANSFER_TYPE_BULK, ccid_reply_timeout_ms,
                              [this](UsbTransfer& t) { on_reply(t); });
  if (r != 0)
    fail(UsbFault{r == LIBUSB_ERROR_NO_DEVICE, "reading the reply to " + current_->what + ": " + usb_error_text(r)});
}

void CcidExchange::on_sent(UsbTransfer& t) {
  if (stopped_) return;
  if (t.status() != LIBUSB_TRANSFER_COMPLETED) return fail(transfer_fault(t.status(), "sending " + current_->what));
  read_reply();
}

void CcidExchange::on_reply(UsbTransfer& t) {
  if (stopped_) return;
  const std::string doing = "the reply to " + current_->what;
  if (t.status() != LIBUSB_TRANSFER_COMPLETED) return fail(transfer_fault(t.status(), doing));
  auto reply = ccid::parse_reply(t.data());
  if (!reply) return fail(UsbFault{false, doing + " is broken: " + reply.error().message});
  if (reply->seq != seq_) {
    // A reply to an earlier command (one that timed out, or from before we opened): skip it.
    if (++stale_ > ccid_max_stale_replies)
      return fail(UsbFault{false, doing + " never came: the reader keeps answering other commands"});
    return read_reply();
  }
  if (reply->command == ccid::CommandStatus::time_extension) {
    if (++extensions_ > ccid_max_time_extensions)
      return fail(UsbFault{false, doing + " never came: the reader keeps asking for more time"});
    return read_reply();
  }
  host_.on_alive();
  Command done = std::move(*current_);
  current_.reset();
  done.handler(*reply);
  pump();
}

void CcidExchange::fail(UsbFault fault) {
  stopped_ = true;
  queue_.clear();
  host_.on_fault(std::move(fault));
}

}  // namespace classbook::drivers::usb
