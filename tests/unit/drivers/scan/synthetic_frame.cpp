// synthetic_frame: drawing ZXing's BitMatrix into grey frames; YUYV packing.
#include "synthetic_frame.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <random>

namespace classbook::drivers::test {
namespace {

bool is_linear(ZXing::BarcodeFormat f) {
  return f != ZXing::BarcodeFormat::QRCode && f != ZXing::BarcodeFormat::DataMatrix &&
         f != ZXing::BarcodeFormat::Aztec && f != ZXing::BarcodeFormat::PDF417 &&
         f != ZXing::BarcodeFormat::MicroQRCode;
}

ZXing::BitMatrix encode(ZXing::BarcodeFormat format, const std::string& text) {
  return ZXing::MultiFormatWriter(format).setEncoding(ZXing::CharacterSet::UTF8).setMargin(0).encode(text, 0, 0);
}

}  // namespace

GreyImage blank_frame(int width, int height, std::uint8_t grey) {
  return GreyImage{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height, grey)};
}

Drawn draw_code(GreyImage& image, ZXing::BarcodeFormat format, const std::string& text, int x, int y,
                int module_px, int bar_height) {
  const ZXing::BitMatrix bits = encode(format, text);
  const bool linear = is_linear(format);
  const int cell_h = linear ? bar_height : module_px;
  const int rows = linear ? 1 : bits.height();
  const Drawn drawn{bits.width() * module_px, rows * cell_h};
  // A quiet zone of four modules keeps the background's edge out of the symbol.
  const int quiet = 4 * module_px;
  for (int py = y - quiet; py < y + drawn.height + quiet; ++py) {
    for (int px = x - quiet; px < x + drawn.width + quiet; ++px) {
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      bool black = false;
      if (px >= x && py >= y && px < x + drawn.width && py < y + drawn.height) {
        black = bits.get((px - x) / module_px, linear ? 0 : (py - y) / module_px);
      }
      image.pixels[static_cast<std::size_t>(py) * image.width + px] = black ? 20 : 250;
    }
  }
  return drawn;
}

GreyImage centred_code_frame(ZXing::BarcodeFormat format, const std::string& text, int module_px, int width,
                             int height) {
  GreyImage image = blank_frame(width, height);
  const ZXing::BitMatrix bits = encode(format, text);
  const int w = bits.width() * module_px;
  const int h = is_linear(format) ? 120 : bits.height() * module_px;
  draw_code(image, format, text, (width - w) / 2, (height - h) / 2, module_px);
  return image;
}

GreyImage noise_frame(int width, int height, unsigned seed) {
  GreyImage image = blank_frame(width, height);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> grey(0, 255);
  for (std::uint8_t& p : image.pixels) p = static_cast<std::uint8_t>(grey(rng));
  return image;
}

std::vector<std::uint8_t> to_yuyv(const GreyImage& image, int bytes_per_line) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(bytes_per_line) * image.height, 0);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> chroma(0, 255);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::size_t at = static_cast<std::size_t>(y) * bytes_per_line + 2 * x;
      out[at] = image.pixels[static_cast<std::size_t>(y) * image.width + x];
      out[at + 1] = static_cast<std::uint8_t>(chroma(rng));
    }
  }
  return out;
}

}  // namespace classbook::drivers::test
