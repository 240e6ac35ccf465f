// qr_svg: the SVG drawn back into pixels decodes, with the hall kiosk's decoder, to the text it was
// made from; its modules are ZXing's; the quiet zone is blank; bad texts are refused.
#include "qr/qr_svg.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "drivers/scan/code_decoder.hpp"

using namespace classbook;

namespace {

constexpr int kPixelsPerModule = 4;

struct Drawn {
  int side = 0;  // the viewBox's side, in modules
  drivers::GreyImage image;
};

// Reads the SVG as svg_of writes it (a viewBox, then "Mx,yhWv1h-Wz" runs) and paints the runs.
Drawn draw(const std::string& svg) {
  std::smatch box;
  REQUIRE(std::regex_search(svg, box, std::regex(R"re(viewBox="0 0 (\d+) (\d+)")re")));
  REQUIRE(box[1] == box[2]);
  Drawn d;
  d.side = std::stoi(box[1]);
  const int px = d.side * kPixelsPerModule;
  d.image = {px, px, std::vector<std::uint8_t>(static_cast<std::size_t>(px) * px, 255)};
  const std::regex run(R"re(M(\d+),(\d+)h(\d+)v1h-(\d+)z)re");
  int runs = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it, ++runs) {
    const int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), w = std::stoi((*it)[3]);
    REQUIRE((*it)[3] == (*it)[4]);
    REQUIRE(x + w <= d.side);
    for (int yy = y * kPixelsPerModule; yy < (y + 1) * kPixelsPerModule; ++yy)
      for (int xx = x * kPixelsPerModule; xx < (x + w) * kPixelsPerModule; ++xx) d.image.pixels[static_cast<std::size_t>(yy) * px + xx] = 0;
  }
  REQUIRE(runs > 0);
  return d;
}

bool dark_at(const Drawn& d, int mx, int my) {
  const int px = d.side * kPixelsPerModule;
  return d.image.pixels[static_cast<std::size_t>(my * kPixelsPerModule) * px + mx * kPixelsPerModule] == 0;
}

}  // namespace

TEST_CASE("a pupil's card code drawn as SVG reads back with the kiosk's decoder") {
  for (const std::string text : {"classbook:card:E37A5C1D", "classbook:card:04A1B2C3D4E5F6", "classbook:card:0"}) {
    auto svg = qr::qr_svg(text);
    REQUIRE(svg);
    CHECK(svg->rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    const auto drawn = draw(*svg);
    drivers::DecodeOptions only_qr;
    only_qr.formats = drivers::CodeFormats{drivers::CodeFormat::qr_code};
    auto codes = drivers::decode_codes(drawn.image.view(), only_qr);
    REQUIRE(codes);
    REQUIRE(codes->size() == 1);
    CHECK(codes->front().format == drivers::CodeFormat::qr_code);
    CHECK(codes->front().text == text);
  }
}

TEST_CASE("the SVG's modules are ZXing's own matrix, inside a blank quiet zone") {
  const std::string text = "classbook:card:E37A5C1D";
  const auto zx = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setEncoding(ZXing::CharacterSet::UTF8)
                      .setEccLevel(qr::kEccLevel).setMargin(0).encode(text, 0, 0);
  auto modules = qr::qr_modules(text);
  REQUIRE(modules);
  REQUIRE(modules->size == zx.width());
  auto svg = qr::qr_svg(text);
  REQUIRE(svg);
  const auto drawn = draw(*svg);
  REQUIRE(drawn.side == zx.width() + 2 * qr::kQuietZoneModules);
  int differing = 0;
  for (int y = 0; y < drawn.side; ++y)
    for (int x = 0; x < drawn.side; ++x) {
      const int mx = x - qr::kQuietZoneModules, my = y - qr::kQuietZoneModules;
      const bool inside = mx >= 0 && my >= 0 && mx < zx.width() && my < zx.height();
      const bool expected = inside && zx.get(mx, my);
      if (dark_at(drawn, x, y) != expected) ++differing;
      if (inside && modules->at(mx, my) != zx.get(mx, my)) ++differing;
    }
  CHECK(differing == 0);
  // The top-left finder pattern's outer ring: seven dark modules in the first row of the symbol.
  for (int x = 0; x < 7; ++x) CHECK(modules->at(x, 0));
  CHECK_FALSE(modules->at(7, 0));
}

TEST_CASE("an empty or overlong text makes no QR code") {
  auto empty = qr::qr_svg("");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().id == ErrorCode("qr.text_empty"));
  auto long_text = qr::qr_svg(std::string(qr::kMaxQrText + 1, 'A'));
  REQUIRE_FALSE(long_text);
  CHECK(long_text.error().id == ErrorCode("qr.text_too_long"));
  CHECK(qr::qr_svg(std::string(qr::kMaxQrText, 'A')));
}
