// qr_svg: the one place the server calls ZXing's writer, and the SVG drawn from its matrix.
#include "qr/qr_svg.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>

namespace classbook::qr {

Result<QrModules> qr_modules(std::string_view text) {
  if (text.empty()) return make_error(Errc::invalid_input, "qr.text_empty", "a QR code needs a text to encode");
  if (text.size() > kMaxQrText)
    return make_error(Errc::invalid_input, "qr.text_too_long",
                      "the QR code's text is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(kMaxQrText));
  ZXing::BitMatrix matrix;
  try {
    // Width and height 0 and no margin: one matrix cell per module, the quiet zone is svg_of's.
    matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                 .setEncoding(ZXing::CharacterSet::UTF8)
                 .setEccLevel(kEccLevel)
                 .setMargin(0)
                 .encode(std::string(text), 0, 0);
  } catch (const std::exception& e) {
    // ZXing throws for texts it cannot encode; that stays inside this adapter.
    return make_error(Errc::internal, "qr.encode_failed", std::string("the QR code could not be made: ") + e.what());
  }
  if (matrix.width() <= 0 || matrix.width() != matrix.height())
    return make_error(Errc::internal, "qr.encode_failed", "the QR writer gave a matrix that is not square");
  QrModules out;
  out.size = matrix.width();
  out.dark.reserve(static_cast<std::size_t>(out.size) * static_cast<std::size_t>(out.size));
  for (int y = 0; y < out.size; ++y)
    for (int x = 0; x < out.size; ++x) out.dark.push_back(matrix.get(x, y));
  return out;
}

std::vector<QrRun> dark_runs(const QrModules& modules) {
  std::vector<QrRun> runs;
  for (int y = 0; y < modules.size; ++y)
    for (int x = 0; x < modules.size;) {
      if (!modules.at(x, y)) {
        ++x;
        continue;
      }
      int length = 1;
      while (x + length < modules.size && modules.at(x + length, y)) ++length;
      runs.push_back({x, y, length});
      x += length;
    }
  return runs;
}

std::string svg_of(const QrModules& modules) {
  const int side = modules.size + 2 * kQuietZoneModules;
  const std::string s = std::to_string(side);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
                    "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (const auto& run : dark_runs(modules)) {
    const std::string w = std::to_string(run.length);
    out += "M" + std::to_string(run.x + kQuietZoneModules) + "," + std::to_string(run.y + kQuietZoneModules) + "h" + w +
           "v1h-" + w + "z";
  }
  out += "\"/></svg>\n";
  return out;
}

Result<std::string> qr_svg(std::string_view text) {
  auto modules = qr_modules(text);
  if (!modules) return modules.error();
  return svg_of(*modules);
}

}  // namespace classbook::qr
