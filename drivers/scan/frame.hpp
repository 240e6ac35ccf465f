// frame: a camera frame as the decoder sees it — a non-owning view of grey or YUYV pixels — and an
// owned grey image for files, tests and synthetic frames.
#pragma once

#include <cstdint>
#include <vector>

namespace classbook::drivers {

enum class PixelLayout {
  grey,  // one byte of luma per pixel
  yuyv,  // V4L2_PIX_FMT_YUYV: Y0 U Y1 V per two pixels; only the Y bytes are read (no copy)
};

struct FrameView {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int row_stride = 0;  // bytes from one row to the next (V4L2 bytesperline); 0 means tightly packed
  PixelLayout layout = PixelLayout::grey;

  int pixel_stride() const { return layout == PixelLayout::yuyv ? 2 : 1; }
  int stride() const { return row_stride != 0 ? row_stride : width * pixel_stride(); }
};

struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height, row after row

  FrameView view() const { return FrameView{pixels.data(), width, height, width, PixelLayout::grey}; }
};

}  // namespace classbook::drivers
