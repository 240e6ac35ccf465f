// serial_frame: RDM6300-style serial frames (STX, 10 ASCII-hex data, 2 ASCII-hex XOR checksum,
// optional CR LF, ETX) out of a byte stream that arrives in arbitrary chunks. Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace classbook::drivers {

inline constexpr std::size_t max_serial_frame = 32;  // bytes between STX and ETX; longer is noise

struct SerialFrame {
  std::string data_hex;  // the 10 hex digits, upper-case: 2 version + 8 id
};

class SerialFrameParser {
 public:
  // Feeds a chunk; returns the frames it completed. Bad frames (checksum, length, non-hex) are
  // dropped and counted; the parser resynchronises on the next STX.
  std::vector<SerialFrame> feed(std::span<const std::uint8_t> chunk);
  std::uint64_t bad_frames() const { return bad_; }

 private:
  std::string buf_;
  bool in_frame_ = false;
  std::uint64_t bad_ = 0;
};

}  // namespace classbook::drivers
