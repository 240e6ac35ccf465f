// synthetic_frame: camera frames made in memory for the decoder tests — a code drawn from ZXing's
// writer onto a plain background, and the same frame laid out as a V4L2 YUYV buffer.
#pragma once

#include <ZXing/BarcodeFormat.h>

#include <cstdint>
#include <string>
#include <vector>

#include "drivers/scan/frame.hpp"

namespace classbook::drivers::test {

GreyImage blank_frame(int width, int height, std::uint8_t grey = 235);

// Draws `text` as `format` with its top-left corner at (x, y): each module `module_px` square; a
// linear code's bars are `bar_height` tall. Returns the drawn width and height.
struct Drawn {
  int width = 0, height = 0;
};
Drawn draw_code(GreyImage& image, ZXing::BarcodeFormat format, const std::string& text, int x, int y,
                int module_px, int bar_height = 120);

// A 640x480 frame with the code in its middle.
GreyImage centred_code_frame(ZXing::BarcodeFormat format, const std::string& text, int module_px = 4,
                             int width = 640, int height = 480);

// Deterministic grey noise (a camera looking at nothing in particular).
GreyImage noise_frame(int width, int height, unsigned seed);

// The frame as YUYV with `bytes_per_line` ≥ 2 * width; the chroma bytes carry pseudo-random values
// so a reader that looked at them would see garbage.
std::vector<std::uint8_t> to_yuyv(const GreyImage& image, int bytes_per_line);

}  // namespace classbook::drivers::test
