// code_format: the barcode symbologies a scanner looks for, named as CodeScan::format names them.
// Pure: the kiosk and its config see these names, never ZXing's types.
#pragma once

#include <string_view>

#include "classbook/common/result.hpp"

namespace classbook::drivers {

enum class CodeFormat : unsigned {
  qr_code = 1u << 0,      // "QRCode": login slips, pupil cards
  code128 = 1u << 1,      // "Code128": card numbers printed as a linear code
  ean13 = 1u << 2,        // "EAN-13"
  ean8 = 1u << 3,         // "EAN-8"
  data_matrix = 1u << 4,  // "DataMatrix"
};
const char* to_string(CodeFormat f);

// A set of formats: the fewer a scanner looks for, the faster an empty frame is rejected.
class CodeFormats {
 public:
  constexpr CodeFormats() = default;
  constexpr CodeFormats(CodeFormat f) : bits_(static_cast<unsigned>(f)) {}  // NOLINT: implicit by design
  constexpr CodeFormats operator|(CodeFormats other) const { return from_bits(bits_ | other.bits_); }
  constexpr bool has(CodeFormat f) const { return (bits_ & static_cast<unsigned>(f)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr unsigned bits() const { return bits_; }
  friend constexpr bool operator==(CodeFormats, CodeFormats) = default;

 private:
  static constexpr CodeFormats from_bits(unsigned bits) {
    CodeFormats f;
    f.bits_ = bits;
    return f;
  }
  unsigned bits_ = 0;
};
constexpr CodeFormats operator|(CodeFormat a, CodeFormat b) { return CodeFormats(a) | b; }

inline constexpr CodeFormat kAllCodeFormats[] = {CodeFormat::qr_code, CodeFormat::code128, CodeFormat::ean13,
                                                 CodeFormat::ean8, CodeFormat::data_matrix};
inline constexpr CodeFormats kDefaultCodeFormats =
    CodeFormat::qr_code | CodeFormat::code128 | CodeFormat::ean13 | CodeFormat::ean8 | CodeFormat::data_matrix;

// "QRCode, Code128" (commas and/or spaces) → the set; the error names the unknown word and the
// known ones, for a config file's reader.
Result<CodeFormats> parse_code_formats(std::string_view list);

}  // namespace classbook::drivers
