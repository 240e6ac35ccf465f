// qr_svg: a text as a QR code in SVG — ZXing-C++ makes the module matrix, this file draws it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::qr {

// A pupil's card code is about 30 characters; anything much longer is a caller's mistake, and a
// longer text only makes a denser code that phones and kiosk cameras read worse.
inline constexpr std::size_t kMaxQrText = 256;
// The blank border QR readers need around the symbol (ISO/IEC 18004: four modules).
inline constexpr int kQuietZoneModules = 4;
// ZXing's 0–8 scale: 4 is level M (15 % of the code may be smudged or folded and still read).
inline constexpr int kEccLevel = 4;

// The symbol's modules, row after row, without the quiet zone; true is dark.
struct QrModules {
  int size = 0;
  std::vector<bool> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

// A row's neighbouring dark modules as one rectangle, one module high: how both the SVG and the
// printed documents (docs/pdf_flow) draw a symbol.
struct QrRun {
  int x = 0, y = 0, length = 0;
};
std::vector<QrRun> dark_runs(const QrModules& modules);

// The text (UTF-8) encoded by ZXing; an empty or too long text is an invalid_input error.
Result<QrModules> qr_modules(std::string_view text);

// The modules as an SVG document: one unit per module, the quiet zone inside the viewBox, white
// behind, one path of dark runs (a row's neighbouring dark modules are one rectangle). It has no
// width or height, so the page sizes it; crispEdges keeps the modules sharp when scaled.
std::string svg_of(const QrModules& modules);

// qr_modules then svg_of.
Result<std::string> qr_svg(std::string_view text);

}  // namespace classbook::qr
