// ccid_reader: a CCID contactless reader (the ACS ACR122U and its clones) — polled for a card with
// PN532 InListPassiveTarget (pn532_direct) or by slot status + GET DATA (pcsc_getdata); the same
// card staying on the reader is one read; LED/buzzer feedback from the profile's patterns.
#pragma once

#include <deque>
#include <memory>
#include <optional>

#include "drivers/usb/ccid_exchange.hpp"
#include "drivers/usb/interface_info.hpp"
#include "drivers/usb/usb_driver.hpp"
#include "drivers/usb/usb_transfer.hpp"

namespace classbook::drivers::usb {

// Refused poll commands in a row before the reader counts as failing (and is reset).
inline constexpr int ccid_max_refusals = 3;

class CcidReader final : public UsbDriver {
 public:
  CcidReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host);

  Status open() override;
  void tick(TimePoint now) override;
  std::optional<TimePoint> next_deadline() const override;
  void feedback(Feedback f) override;
  void cancel() override;
  bool idle() const override;
  void release() override;

 private:
  void initialise();
  void poll();
  void on_target_list(const ccid::Reply& reply);
  void on_slot_status(const ccid::Reply& reply);
  void read_uid();
  void on_uid(const ccid::Reply& reply);
  void on_notify(UsbTransfer& t);
  bool refused(const std::string& what, const ccid::Reply& reply);  // counts; true when the reply is unusable
  void card_present(const ccid::Bytes& uid);
  void signal_step();
  ccid::Bytes wrap(std::span<const std::uint8_t> apdu, std::uint8_t seq, bool as_escape) const;

  const ReaderProfile& profile_;
  libusb_device_handle* handle_;
  DriverHost& host_;
  std::unique_ptr<CcidExchange> exchange_;
  std::unique_ptr<UsbTransfer> notify_;  // interrupt IN: NotifySlotChange, a hint to poll at once
  EndpointInfo notify_ep_;
  bool claimed_ = false, cancelled_ = false;
  TimePoint next_poll_{};
  std::optional<ccid::Bytes> card_;  // the UID on the reader now: reported once until it leaves
  int refusals_ = 0;
  std::deque<Signal> signal_;        // feedback steps still to show
  TimePoint signal_until_{};         // the step showing now ends; no polling until then
};

}  // namespace classbook::drivers::usb
