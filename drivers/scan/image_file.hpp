// image_file: PNG files as grey images, for the file frame source, the tests and the corpus tools.
// Kept out of the decoder (it never loads images); this is the only file that uses cairo.
#pragma once

#include <string>

#include "classbook/common/result.hpp"
#include "drivers/scan/frame.hpp"

namespace classbook::drivers {

// Reads a PNG (grey, RGB or RGBA; alpha is composed onto white) as 8-bit luma. not_found when the
// file is missing; invalid_input when it is not a readable PNG.
Result<GreyImage> load_png_grey(const std::string& path);

// Writes an 8-bit grey PNG.
Status save_png_grey(const GreyImage& image, const std::string& path);

}  // namespace classbook::drivers
