// usb_transfer: one asynchronous libusb transfer owning its buffer.
#include "drivers/usb/usb_transfer.hpp"

#include <algorithm>
#include <cstdlib>

#include "classbook/common/log.hpp"

namespace classbook::drivers::usb {

UsbTransfer::UsbTransfer(std::size_t capacity) : transfer_(libusb_alloc_transfer(0)), buffer_(capacity) {
  if (!transfer_) std::abort();  // out of memory
}

UsbTransfer::~UsbTransfer() {
  if (in_flight_) {
    // libusb still owns it: freeing would let the completion write into freed memory. Leak instead.
    log::error("usb", "a transfer was destroyed while in flight; leaking it");
    return;
  }
  libusb_free_transfer(transfer_);
}

int UsbTransfer::submit_in(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer,
                           unsigned timeout_ms, Done done) {
  return submit(handle, endpoint, transfer, static_cast<int>(buffer_.size()), timeout_ms, std::move(done));
}

int UsbTransfer::submit_out(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer,
                            std::span<const std::uint8_t> data, unsigned timeout_ms, Done done) {
  if (data.size() > buffer_.size()) buffer_.resize(data.size());
  std::copy(data.begin(), data.end(), buffer_.begin());
  return submit(handle, endpoint, transfer, static_cast<int>(data.size()), timeout_ms, std::move(done));
}

int UsbTransfer::submit(libusb_device_handle* handle, std::uint8_t endpoint, std::uint8_t transfer, int length,
                        unsigned timeout_ms, Done done) {
  if (in_flight_) return LIBUSB_ERROR_BUSY;
  if (transfer == LIBUSB_TRANSFER_TYPE_INTERRUPT)
    libusb_fill_interrupt_transfer(transfer_, handle, endpoint, buffer_.data(), length, &UsbTransfer::on_complete,
                                   this, timeout_ms);
  else
    libusb_fill_bulk_transfer(transfer_, handle, endpoint, buffer_.data(), length, &UsbTransfer::on_complete, this,
                              timeout_ms);
  done_ = std::move(done);
  const int r = libusb_submit_transfer(transfer_);
  in_flight_ = r == 0;
  return r;
}

void UsbTransfer::cancel() {
  if (in_flight_) libusb_cancel_transfer(transfer_);
}

std::span<const std::uint8_t> UsbTransfer::data() const {
  return {buffer_.data(), static_cast<std::size_t>(std::max(transfer_->actual_length, 0))};
}

void LIBUSB_CALL UsbTransfer::on_complete(libusb_transfer* t) {
  auto* self = static_cast<UsbTransfer*>(t->user_data);
  self->in_flight_ = false;
  // The callback may resubmit this very transfer, replacing done_: run a copy.
  Done done = self->done_;
  if (done) done(*self);
}

}  // namespace classbook::drivers::usb
