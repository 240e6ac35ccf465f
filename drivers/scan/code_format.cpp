// code_format: names of the symbologies and parsing a list of them.
#include "drivers/scan/code_format.hpp"

#include <algorithm>
#include <string>

namespace classbook::drivers {

const char* to_string(CodeFormat f) {
  switch (f) {
    case CodeFormat::qr_code: return "QRCode";
    case CodeFormat::code128: return "Code128";
    case CodeFormat::ean13: return "EAN-13";
    case CodeFormat::ean8: return "EAN-8";
    case CodeFormat::data_matrix: return "DataMatrix";
  }
  return "unknown";
}

Result<CodeFormats> parse_code_formats(std::string_view list) {
  CodeFormats formats;
  std::size_t pos = 0;
  while (pos < list.size()) {
    const std::size_t start = list.find_first_not_of(", \t", pos);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(list.find_first_of(", \t", start), list.size());
    const std::string_view word = list.substr(start, end - start);
    bool known = false;
    for (CodeFormat f : kAllCodeFormats) {
      if (word == to_string(f)) {
        formats = formats | f;
        known = true;
      }
    }
    if (!known) {
      return make_error(Errc::invalid_input, "scan.format_unknown", "unknown code format '" + std::string(word) +
                                                 "'; known: QRCode, Code128, EAN-13, EAN-8, DataMatrix");
    }
    pos = end;
  }
  if (formats.empty()) {
    return make_error(Errc::invalid_input, "scan.format_missing", "no code format given; name at least one of QRCode, Code128, EAN-13, EAN-8, DataMatrix");
  }
  return formats;
}

}  // namespace classbook::drivers
