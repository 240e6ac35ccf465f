// ccid_reader: ACR122U-style CCID readers (docs/kiosk-research.md §3).
#include "drivers/usb/ccid_reader.hpp"

#include "classbook/common/log.hpp"
#include "drivers/usb/usb_claim.hpp"
#include "drivers/usb/usb_error.hpp"

namespace classbook::drivers::usb {
namespace {

constexpr std::uint8_t slot = 0;
constexpr std::uint16_t sw_ok = 0x9000;
constexpr std::uint8_t sw1_more_data = 0x61;  // firmware 1.x: GET RESPONSE fetches the answer
constexpr std::size_t notify_buffer = 8;

std::string hex_byte(std::uint8_t b) {
  static constexpr char d[] = "0123456789ABCDEF";
  return {'0', 'x', d[b >> 4], d[b & 0x0F]};
}

}  // namespace

CcidReader::CcidReader(const ReaderProfile& profile, libusb_device_handle* handle, DriverHost& host)
    : profile_(profile), handle_(handle), host_(host) {}

Status CcidReader::open() {
  auto info = describe_interface(libusb_get_device(handle_), profile_.interface);
  if (!info) return info.error();
  const auto out = info->find(LIBUSB_TRANSFER_TYPE_BULK, false);
  const auto in = info->find(LIBUSB_TRANSFER_TYPE_BULK, true);
  if (!out || !in)
    return make_error(Errc::invalid_input, "usb.interface_mismatch", "interface " + std::to_string(profile_.interface) +
                                               " has no bulk OUT and IN endpoints — is " + profile_.file +
                                               " the right profile for this device?");
  if (auto s = claim_interface(handle_, profile_.interface); !s) return s;
  claimed_ = true;
  exchange_ = std::make_unique<CcidExchange>(handle_, out->address, in->address, host_);
  if (const auto notify = info->find(LIBUSB_TRANSFER_TYPE_INTERRUPT, true)) {
    notify_ep_ = *notify;
    notify_ = std::make_unique<UsbTransfer>(notify_buffer);
    const int r = notify_->submit_in(handle_, notify_ep_.address, LIBUSB_TRANSFER_TYPE_INTERRUPT, 0,
                                     [this](UsbTransfer& t) { on_notify(t); });
    if (r != 0) return make_error(Errc::unavailable, "usb.transfer_failed", "listening for card events failed: " + usb_error_text(r));
  }
  initialise();
  next_poll_ = host_.now();
  return ok_status();
}

void CcidReader::initialise() {
  auto ignore = [](const ccid::Reply&) {};
  // libnfc powers the slot even without a card; some firmware wants it before anything else.
  exchange_->send("IccPowerOn", [](std::uint8_t seq) { return ccid::icc_power_on(slot, seq); }, ignore);
  if (profile_.ccid_mode != CcidMode::pn532_direct) return;
  // Stop the reader's own polling, and make each InListPassiveTarget return at once (the PN532
  // default retries for ever).
  exchange_->send("stop auto-polling", [this](std::uint8_t seq) { return wrap(ccid::apdu_stop_auto_polling(), seq, false); },
                  ignore);
  exchange_->send("RFConfiguration", [this](std::uint8_t seq) { return wrap(ccid::apdu_set_max_retries(), seq, false); },
                  ignore);
}

ccid::Bytes CcidReader::wrap(std::span<const std::uint8_t> apdu, std::uint8_t seq, bool as_escape) const {
  return as_escape ? ccid::escape(slot, seq, apdu) : ccid::xfr_block(slot, seq, apdu);
}

void CcidReader::tick(TimePoint now) {
  if (!exchange_ || cancelled_) return;
  if (!signal_.empty() && now >= signal_until_) return signal_step();
  if (now < signal_until_ || exchange_->busy() || now < next_poll_) return;
  next_poll_ = now + profile_.poll_interval;
  poll();
}

std::optional<TimePoint> CcidReader::next_deadline() const {
  if (!signal_.empty()) return signal_until_;
  return std::max(next_poll_, signal_until_);
}

void CcidReader::poll() {
  if (profile_.ccid_mode == CcidMode::pn532_direct)
    return exchange_->send("InListPassiveTarget",
                           [this](std::uint8_t seq) { return wrap(ccid::apdu_list_passive_target(), seq, false); },
                           [this](const ccid::Reply& r) { on_target_list(r); });
  exchange_->send("GetSlotStatus", [](std::uint8_t seq) { return ccid::get_slot_status(slot, seq); },
                  [this](const ccid::Reply& r) { on_slot_status(r); });
}

bool CcidReader::refused(const std::string& what, const ccid::Reply& reply) {
  if (reply.command != ccid::CommandStatus::failed) return false;
  if (++refusals_ >= ccid_max_refusals)
    host_.on_fault(UsbFault{false, "the reader refused " + what + " " + std::to_string(refusals_) +
                                       " times in a row (bError " + hex_byte(reply.error) + ")"});
  return true;
}

void CcidReader::on_target_list(const ccid::Reply& reply) {
  if (refused("InListPassiveTarget", reply)) return;
  auto r = ccid::split_response(reply.data);
  if (!r) return host_.on_fault(UsbFault{false, "InListPassiveTarget: " + r.error().message});
  if (r->sw >> 8 == sw1_more_data) {
    const auto length = static_cast<std::uint8_t>(r->sw & 0xFF);
    return exchange_->send_next(
        "GET RESPONSE", [this, length](std::uint8_t seq) { return wrap(ccid::apdu_get_response(length), seq, false); },
        [this](const ccid::Reply& next) { on_target_list(next); });
  }
  if (r->sw != sw_ok) {
    if (++refusals_ >= ccid_max_refusals)
      host_.on_fault(UsbFault{false, "the reader answers InListPassiveTarget with status " + hex_byte(r->sw >> 8) +
                                         " " + hex_byte(r->sw & 0xFF)});
    return;
  }
  auto target = ccid::parse_list_passive_target(r->data);
  if (!target) return host_.on_fault(UsbFault{false, target.error().message});
  refusals_ = 0;
  if (*target) return card_present(**target);
  card_.reset();
}

void CcidReader::on_slot_status(const ccid::Reply& reply) {
  if (refused("GetSlotStatus", reply)) return;
  refusals_ = 0;
  if (reply.icc == ccid::IccStatus::absent) return card_.reset();
  // Ask for the UID at every poll, so a card swapped between two polls is seen (card_present()
  // keeps the one lying there a single read). A card not powered yet is powered first.
  if (reply.icc == ccid::IccStatus::active) return read_uid();
  exchange_->send_next("IccPowerOn", [](std::uint8_t seq) { return ccid::icc_power_on(slot, seq); },
                       [this](const ccid::Reply& on) {
                         if (on.command == ccid::CommandStatus::ok) read_uid();  // else: gone again
                       });
}

void CcidReader::read_uid() {
  exchange_->send_next("GET DATA (UID)", [this](std::uint8_t seq) { return wrap(ccid::apdu_get_uid(), seq, false); },
                       [this](const ccid::Reply& r) { on_uid(r); });
}

void CcidReader::on_uid(const ccid::Reply& reply) {
  if (reply.command != ccid::CommandStatus::ok) return;  // the card left: the next poll sees it
  auto r = ccid::split_response(reply.data);
  if (!r || r->sw != sw_ok || r->data.empty()) return;  // 63 00: could not read it this time
  card_present(r->data);
}

void CcidReader::card_present(const ccid::Bytes& uid) {
  if (card_ == uid) return;
  card_ = uid;
  host_.on_card(card_from_bytes(uid, profile_.uid.order, profile_.uid.tech));
}

void CcidReader::on_notify(UsbTransfer& t) {
  if (t.status() == LIBUSB_TRANSFER_CANCELLED && cancelled_) return;
  if (t.status() != LIBUSB_TRANSFER_COMPLETED) return host_.on_fault(transfer_fault(t.status(), "listening for card events"));
  // Only a hint to poll at once: a poll reply already on its way may predate the change, so the
  // polls alone decide what is on the reader.
  if (ccid::parse_notify_slot_change(t.data())) next_poll_ = host_.now();
  if (cancelled_) return;
  const int r = notify_->submit_in(handle_, notify_ep_.address, LIBUSB_TRANSFER_TYPE_INTERRUPT, 0,
                                   [this](UsbTransfer& next) { on_notify(next); });
  if (r != 0) host_.on_fault(UsbFault{r == LIBUSB_ERROR_NO_DEVICE, "listening for card events: " + usb_error_text(r)});
}

void CcidReader::feedback(Feedback f) {
  const SignalPattern& pattern = f == Feedback::accepted  ? profile_.on_accepted
                                 : f == Feedback::offline ? profile_.on_offline
                                                          : profile_.on_unknown;  // unknown and error
  signal_.assign(pattern.begin(), pattern.end());  // a new pattern replaces what is left of the last
  signal_until_ = host_.now();                      // the next tick() starts it
}

void CcidReader::signal_step() {
  const Signal step = signal_.front();
  signal_.pop_front();
  signal_until_ = host_.now() + step.duration;
  // pcsc_getdata readers may have no card powered: the reader itself takes the command as Escape.
  const bool as_escape = profile_.ccid_mode == CcidMode::pcsc_getdata;
  exchange_->send("LED/buzzer", [this, step, as_escape](std::uint8_t seq) { return wrap(ccid::apdu_signal(step), seq, as_escape); },
                  [](const ccid::Reply&) {});
}

void CcidReader::cancel() {
  cancelled_ = true;
  if (exchange_) exchange_->cancel();
  if (notify_) notify_->cancel();
}

bool CcidReader::idle() const {
  return (!exchange_ || exchange_->idle()) && (!notify_ || !notify_->in_flight());
}

void CcidReader::release() {
  if (claimed_) libusb_release_interface(handle_, profile_.interface);
  claimed_ = false;
}

}  // namespace classbook::drivers::usb
