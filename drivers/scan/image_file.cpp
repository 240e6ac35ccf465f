// image_file: cairo's PNG reader and writer, converted to and from 8-bit luma.
#include "drivers/scan/image_file.hpp"

#include <cairo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>

namespace classbook::drivers {
namespace {

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceFree>;

// The same weights ZXing uses for RGB input (ITU-R BT.601), so a file reads as a camera frame would.
std::uint8_t luma(unsigned r, unsigned g, unsigned b) {
  return static_cast<std::uint8_t>((306 * r + 601 * g + 117 * b + 0x200) >> 10);
}

}  // namespace

Result<GreyImage> load_png_grey(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return make_error(Errc::not_found, "image.not_found", "no image file " + path);
  Surface surface(cairo_image_surface_create_from_png(path.c_str()));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::invalid_input, "image.unreadable", path + " is not a readable PNG: " +
                                               cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  cairo_surface_flush(surface.get());
  // cairo reads every PNG as RGB24, or as premultiplied ARGB32 when it has alpha (grey included).
  const cairo_format_t format = cairo_image_surface_get_format(surface.get());
  if (format != CAIRO_FORMAT_RGB24 && format != CAIRO_FORMAT_ARGB32) {
    return make_error(Errc::invalid_input, "image.unreadable", path + ": unexpected pixel format " + std::to_string(format));
  }
  GreyImage image;
  image.width = cairo_image_surface_get_width(surface.get());
  image.height = cairo_image_surface_get_height(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const unsigned char* row = data + static_cast<std::ptrdiff_t>(y) * stride;
    for (int x = 0; x < image.width; ++x) {
      std::uint32_t px;
      std::memcpy(&px, row + 4 * x, 4);
      // Premultiplied: adding (255 - alpha) to each channel composes the pixel onto white.
      const unsigned white = format == CAIRO_FORMAT_ARGB32 ? 255 - (px >> 24) : 0;
      const std::uint8_t grey = luma(std::min(((px >> 16) & 0xFF) + white, 255u),
                                     std::min(((px >> 8) & 0xFF) + white, 255u), std::min((px & 0xFF) + white, 255u));
      image.pixels[static_cast<std::size_t>(y) * image.width + x] = grey;
    }
  }
  return image;
}

Status save_png_grey(const GreyImage& image, const std::string& path) {
  // cairo writes an A8 surface as an 8-bit grey PNG: a third of the RGB file's size.
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_A8, image.width, image.height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::invalid_input, "image.cannot_make", "cannot make a " + std::to_string(image.width) + "x" +
                                               std::to_string(image.height) + " image");
  }
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(data + static_cast<std::ptrdiff_t>(y) * stride,
                image.pixels.data() + static_cast<std::size_t>(y) * image.width, static_cast<std::size_t>(image.width));
  }
  cairo_surface_mark_dirty(surface.get());
  const cairo_status_t status = cairo_surface_write_to_png(surface.get(), path.c_str());
  if (status != CAIRO_STATUS_SUCCESS) {
    return make_error(Errc::unavailable, "image.cannot_write", "cannot write " + path + ": " + cairo_status_to_string(status));
  }
  return ok_status();
}

}  // namespace classbook::drivers
