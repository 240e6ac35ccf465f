// acr122u_device: an emulated ACS ACR122U (CCID + PN532 pseudo-APDUs).
#include "acr122u_device.hpp"

namespace classbook::test::usb {
namespace {

constexpr std::uint8_t ccid_class = 0x0B;
constexpr std::size_t header_size = 10;
// PC_to_RDR / RDR_to_PC message types (CCID 1.1 §6).
constexpr std::uint8_t icc_power_on = 0x62, icc_power_off = 0x63, get_slot_status = 0x65, escape = 0x6B,
                       xfr_block = 0x6F;
constexpr std::uint8_t data_block = 0x80, slot_status = 0x81, escape_reply = 0x83;
constexpr std::uint8_t notify_slot_change = 0x50;
constexpr std::uint8_t status_failed = 0x40, status_time_extension = 0x80;
constexpr std::uint8_t error_icc_mute = 0xFE, error_not_supported = 0x00;
constexpr std::uint8_t icc_active = 0, icc_inactive = 1, icc_absent = 2;

const Bytes atr_mifare_1k = {0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00,
                             0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6A};
const Bytes sw_ok = {0x90, 0x00}, sw_failed = {0x63, 0x00}, sw_not_supported = {0x6A, 0x81};
constexpr std::uint8_t atqa_hi = 0x00, atqa_lo = 0x04, sak_mifare_1k = 0x08;

// The class descriptor a CCID reader carries (CCID 1.1 §5.1), shaped like the ACR122U's.
Bytes ccid_class_descriptor() {
  return {0x36, 0x21, 0x10, 0x01, 0x00, 0x07,              // bcdCCID 1.10, slot 0, 5/3/1.8 V
          0x03, 0x00, 0x00, 0x00,                          // T=0, T=1
          0xA0, 0x0F, 0x00, 0x00, 0xA0, 0x0F, 0x00, 0x00,  // 4 MHz clocks
          0x00,                                            //
          0x80, 0x25, 0x00, 0x00, 0x00, 0xB0, 0x04, 0x00,  // 9600 .. 307200 bps
          0x00,                                            //
          0xFE, 0x00, 0x00, 0x00,                          // max IFSD
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // no synch protocols, no mechanics
          0x42, 0x00, 0x04, 0x00,                          // features: short APDU exchange
          0x0F, 0x01, 0x00, 0x00,                          // 271-byte messages
          0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
}

DeviceSpec acr122u_spec(std::uint16_t vid, std::uint16_t pid) {
  InterfaceSpec i;
  i.number = 0;
  i.cls = ccid_class;
  i.extra = ccid_class_descriptor();
  i.endpoints = {EndpointSpec{Acr122uDevice::bulk_out, transfer_bulk, 64, 0},
                 EndpointSpec{Acr122uDevice::bulk_in, transfer_bulk, 64, 0},
                 EndpointSpec{Acr122uDevice::interrupt_in, transfer_interrupt, 8, 10}};
  DeviceSpec d;
  d.vendor_id = vid;
  d.product_id = pid;
  d.interfaces = {i};
  return d;
}

Bytes with_sw(Bytes data, const Bytes& sw) {
  data.insert(data.end(), sw.begin(), sw.end());
  return data;
}

bool starts_with(std::span<const std::uint8_t> b, std::initializer_list<std::uint8_t> prefix) {
  if (b.size() < prefix.size()) return false;
  std::size_t i = 0;
  for (std::uint8_t p : prefix)
    if (b[i++] != p) return false;
  return true;
}

}  // namespace

bool LedBuzzerCommand::red_lit() const { return (p2 & 0x40) ? (p2 & 0x10) != 0 : (p2 & 0x04) && (p2 & 0x01); }
bool LedBuzzerCommand::green_lit() const { return (p2 & 0x80) ? (p2 & 0x20) != 0 : (p2 & 0x08) && (p2 & 0x02); }

Acr122uDevice::Acr122uDevice(std::uint16_t vendor_id, std::uint16_t product_id)
    : FakeUsbDevice(acr122u_spec(vendor_id, product_id)) {}

void Acr122uDevice::place_card(const Bytes& uid) {
  std::lock_guard lock(mutex_);
  card_ = uid;
  queue_in_locked(interrupt_in, Bytes{notify_slot_change, 0x03});
}

void Acr122uDevice::remove_card() {
  std::lock_guard lock(mutex_);
  card_.reset();
  powered_ = false;
  queue_in_locked(interrupt_in, Bytes{notify_slot_change, 0x02});
}

void Acr122uDevice::time_extensions(int n) {
  std::lock_guard lock(mutex_);
  time_extensions_ = n;
}
void Acr122uDevice::answer_with_get_response(bool on) {
  std::lock_guard lock(mutex_);
  get_response_mode_ = on;
}
void Acr122uDevice::send_stale_reply_once() {
  std::lock_guard lock(mutex_);
  stale_once_ = true;
}
std::vector<LedBuzzerCommand> Acr122uDevice::led_buzzer_commands() const {
  std::lock_guard lock(mutex_);
  return led_;
}
std::vector<Bytes> Acr122uDevice::apdus() const {
  std::lock_guard lock(mutex_);
  return apdus_;
}
int Acr122uDevice::messages(std::uint8_t message_type) const {
  std::lock_guard lock(mutex_);
  auto it = messages_.find(message_type);
  return it == messages_.end() ? 0 : it->second;
}
bool Acr122uDevice::auto_polling_stopped() const {
  std::lock_guard lock(mutex_);
  return auto_polling_stopped_;
}

std::uint8_t Acr122uDevice::icc_status() const {
  if (!card_) return icc_absent;
  return powered_ ? icc_active : icc_inactive;
}

void Acr122uDevice::reply_locked(std::uint8_t type, std::uint8_t seq, std::uint8_t status, std::uint8_t error,
                                 const Bytes& data) {
  const auto n = static_cast<std::uint32_t>(data.size());
  Bytes m{type, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n >> 16),
          static_cast<std::uint8_t>(n >> 24), 0, seq, status, error, 0};
  m.insert(m.end(), data.begin(), data.end());
  queue_in_locked(bulk_in, std::move(m));
}

void Acr122uDevice::on_out(std::uint8_t endpoint, std::span<const std::uint8_t> message) {
  if (endpoint != bulk_out || message.size() < header_size) return;  // a real reader would ignore it too
  const std::uint8_t type = message[0], seq = message[6];
  const std::size_t length = message[1] | message[2] << 8 | message[3] << 16 | static_cast<std::size_t>(message[4]) << 24;
  const auto payload = message.subspan(header_size, std::min(length, message.size() - header_size));
  ++messages_[type];
  if (stale_once_) {
    stale_once_ = false;
    reply_locked(slot_status, static_cast<std::uint8_t>(seq - 1), icc_status(), 0, {});
  }
  switch (type) {
    case icc_power_on:
      if (card_) {
        powered_ = true;
        return reply_locked(data_block, seq, icc_active, 0, atr_mifare_1k);
      }
      return reply_locked(data_block, seq, status_failed | icc_absent, error_icc_mute, {});
    case icc_power_off:
      powered_ = false;
      return reply_locked(slot_status, seq, icc_status(), 0, {});
    case get_slot_status:
      return reply_locked(slot_status, seq, icc_status(), 0, {});
    case escape:
      apdus_.emplace_back(payload.begin(), payload.end());
      return reply_locked(escape_reply, seq, icc_status(), 0, answer_apdu(payload, true));
    case xfr_block: {
      apdus_.emplace_back(payload.begin(), payload.end());
      for (int i = 0; i < time_extensions_; ++i) reply_locked(data_block, seq, status_time_extension | icc_status(), 1, {});
      return reply_locked(data_block, seq, icc_status(), 0, answer_apdu(payload, false));
    }
    default:
      return reply_locked(slot_status, seq, status_failed | icc_status(), error_not_supported, {});
  }
}

Bytes Acr122uDevice::answer_apdu(std::span<const std::uint8_t> apdu, bool via_escape) {
  if (starts_with(apdu, {0xFF, 0x00, 0x40}) && apdu.size() >= 9) {
    led_.push_back(LedBuzzerCommand{apdu[3], apdu[5], apdu[6], apdu[7], apdu[8], via_escape});
    return {0x90, static_cast<std::uint8_t>(apdu[3] & 0x03)};
  }
  if (starts_with(apdu, {0xFF, 0x00, 0x51})) {
    auto_polling_stopped_ = apdu.size() > 3 && !(apdu[3] & 0x80);
    return sw_ok;
  }
  if (starts_with(apdu, {0xFF, 0x00, 0x52})) return sw_ok;
  if (starts_with(apdu, {0xFF, 0x00, 0x00, 0x00}) && apdu.size() >= 7 && apdu[5] == 0xD4) {
    Bytes answer = answer_pn532(apdu.subspan(5));
    if (!get_response_mode_) return answer;
    pending_response_ = answer;  // firmware 1.x: "61 xx", the data comes with GET RESPONSE
    return {0x61, static_cast<std::uint8_t>(answer.size())};
  }
  if (starts_with(apdu, {0xFF, 0xC0, 0x00, 0x00})) {
    if (!pending_response_) return sw_failed;
    Bytes answer = *pending_response_;
    pending_response_.reset();
    return answer;
  }
  if (starts_with(apdu, {0xFF, 0xCA, 0x00, 0x00})) return card_ ? with_sw(*card_, sw_ok) : sw_failed;
  return sw_not_supported;
}

Bytes Acr122uDevice::answer_pn532(std::span<const std::uint8_t> frame) {
  const std::uint8_t command = frame.size() > 1 ? frame[1] : 0;
  Bytes out{0xD5, static_cast<std::uint8_t>(command + 1)};
  switch (command) {
    case 0x02:  // GetFirmwareVersion: PN532 v1.6
      out.insert(out.end(), {0x32, 0x01, 0x06, 0x07});
      break;
    case 0x32:  // RFConfiguration
      break;
    case 0x4A:  // InListPassiveTarget
      if (!card_) {
        out.push_back(0x00);
        break;
      }
      out.insert(out.end(), {0x01, 0x01, atqa_hi, atqa_lo, sak_mifare_1k, static_cast<std::uint8_t>(card_->size())});
      out.insert(out.end(), card_->begin(), card_->end());
      break;
    default:
      return sw_failed;
  }
  return with_sw(out, sw_ok);
}

}  // namespace classbook::test::usb
