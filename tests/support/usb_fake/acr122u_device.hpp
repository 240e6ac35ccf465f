// acr122u_device: an emulated ACS ACR122U — a CCID reader with a PN532 inside — answering the
// sequences of docs/kiosk-research.md §3; a test places and removes cards and reads back the
// LED/buzzer commands the host sent.
#pragma once

#include <optional>

#include "fake_usb_device.hpp"

namespace classbook::test::usb {

// One FF 00 40 P2 04 T1 T2 REP LINK command, decoded per the ACR122 manual §6.2.
struct LedBuzzerCommand {
  std::uint8_t p2 = 0, t1 = 0, t2 = 0, repeat = 0, link = 0;
  bool via_escape = false;  // PC_to_RDR_Escape rather than XfrBlock
  bool red_lit() const;     // lit during T1: the initial blink state when blinking, else the final state
  bool green_lit() const;
  bool beeps() const { return link != 0; }
  int t1_ms() const { return t1 * 100; }
};

class Acr122uDevice : public FakeUsbDevice {
 public:
  static constexpr std::uint8_t bulk_out = 0x02, bulk_in = 0x82, interrupt_in = 0x83;
  static constexpr std::uint16_t acs_vendor_id = 0x072F, acr122u_product_id = 0x2200;

  explicit Acr122uDevice(std::uint16_t vendor_id = acs_vendor_id, std::uint16_t product_id = acr122u_product_id);

  // A card in the field; `uid` as the reader delivers it (InListPassiveTarget and FF CA alike).
  // Sends RDR_to_PC_NotifySlotChange on the interrupt endpoint.
  void place_card(const Bytes& uid);
  void remove_card();

  // Quirks to exercise the host: every XfrBlock reply preceded by `n` time-extension replies;
  // firmware 1.x style "61 xx" answers that need GET RESPONSE; one reply with a stale bSeq first.
  void time_extensions(int n);
  void answer_with_get_response(bool on);
  void send_stale_reply_once();

  std::vector<LedBuzzerCommand> led_buzzer_commands() const;
  std::vector<Bytes> apdus() const;  // every XfrBlock/Escape payload, in order
  int messages(std::uint8_t message_type) const;  // PC_to_RDR messages of this type seen
  bool auto_polling_stopped() const;               // FF 00 51 00 00 seen

 protected:
  void on_out(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;

 private:
  Bytes answer_apdu(std::span<const std::uint8_t> apdu, bool via_escape);
  Bytes answer_pn532(std::span<const std::uint8_t> frame);
  void reply_locked(std::uint8_t type, std::uint8_t seq, std::uint8_t status, std::uint8_t error, const Bytes& data);
  std::uint8_t icc_status() const;

  std::optional<Bytes> card_;
  bool powered_ = false;
  int time_extensions_ = 0;
  bool get_response_mode_ = false;
  bool stale_once_ = false;
  std::optional<Bytes> pending_response_;
  bool auto_polling_stopped_ = false;
  std::vector<LedBuzzerCommand> led_;
  std::vector<Bytes> apdus_;
  std::map<std::uint8_t, int> messages_;
};

}  // namespace classbook::test::usb
