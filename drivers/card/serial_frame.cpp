// serial_frame: STX/ETX framing with an XOR checksum, resynchronising on every STX.
#include "drivers/card/serial_frame.hpp"

namespace classbook::drivers {
namespace {

constexpr std::uint8_t stx = 0x02, etx = 0x03;
constexpr std::size_t data_digits = 10;                  // 5 bytes: version + 32-bit id
constexpr std::size_t frame_digits = data_digits + 2;    // + checksum

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The frame body (between STX and ETX) → the data digits, or false when it is not a good frame.
bool check_frame(std::string body, SerialFrame& out) {
  while (!body.empty() && (body.back() == '\r' || body.back() == '\n')) body.pop_back();  // ID-12 style CR LF
  if (body.size() != frame_digits) return false;
  std::uint8_t sum = 0, bytes[frame_digits / 2];
  for (std::size_t i = 0; i < frame_digits / 2; ++i) {
    const int hi = hex_value(body[2 * i]), lo = hex_value(body[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  for (std::size_t i = 0; i < data_digits / 2; ++i) sum ^= bytes[i];
  if (sum != bytes[data_digits / 2]) return false;
  out.data_hex = body.substr(0, data_digits);
  for (auto& c : out.data_hex)
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  return true;
}

}  // namespace

std::vector<SerialFrame> SerialFrameParser::feed(std::span<const std::uint8_t> chunk) {
  std::vector<SerialFrame> out;
  for (const auto b : chunk) {
    if (b == stx) {
      if (in_frame_) ++bad_;  // a frame cut off by the next one
      in_frame_ = true;
      buf_.clear();
    } else if (!in_frame_) {
      continue;  // line noise or a frame's tail we joined late: wait for the next STX
    } else if (b == etx) {
      SerialFrame f;
      if (check_frame(std::move(buf_), f)) out.push_back(std::move(f));
      else ++bad_;
      buf_.clear();
      in_frame_ = false;
    } else if (buf_.size() == max_serial_frame) {
      ++bad_;  // no ETX where one should be: drop it and wait for the next STX
      buf_.clear();
      in_frame_ = false;
    } else {
      buf_ += static_cast<char>(b);
    }
  }
  return out;
}

}  // namespace classbook::drivers
