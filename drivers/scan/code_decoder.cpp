// code_decoder: the one place that calls ZXing's reader.
#include "drivers/scan/code_decoder.hpp"

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <exception>
#include <optional>

namespace classbook::drivers {
namespace {

ZXing::BarcodeFormats to_zxing(CodeFormats formats) {
  ZXing::BarcodeFormats out;
  if (formats.has(CodeFormat::qr_code)) out |= ZXing::BarcodeFormat::QRCode;
  if (formats.has(CodeFormat::code128)) out |= ZXing::BarcodeFormat::Code128;
  if (formats.has(CodeFormat::ean13)) out |= ZXing::BarcodeFormat::EAN13;
  if (formats.has(CodeFormat::ean8)) out |= ZXing::BarcodeFormat::EAN8;
  if (formats.has(CodeFormat::data_matrix)) out |= ZXing::BarcodeFormat::DataMatrix;
  return out;
}

std::optional<CodeFormat> from_zxing(ZXing::BarcodeFormat f) {
  switch (f) {
    case ZXing::BarcodeFormat::QRCode: return CodeFormat::qr_code;
    case ZXing::BarcodeFormat::Code128: return CodeFormat::code128;
    case ZXing::BarcodeFormat::EAN13: return CodeFormat::ean13;
    case ZXing::BarcodeFormat::EAN8: return CodeFormat::ean8;
    case ZXing::BarcodeFormat::DataMatrix: return CodeFormat::data_matrix;
    default: return std::nullopt;
  }
}

Status check_view(const FrameView& frame) {
  if (frame.data == nullptr) return make_error(Errc::invalid_input, "scan.frame_invalid", "the frame has no pixels");
  if (frame.width <= 0 || frame.height <= 0 || frame.width > kMaxFrameSide || frame.height > kMaxFrameSide) {
    return make_error(Errc::invalid_input, "scan.frame_invalid", "frame size " + std::to_string(frame.width) + "x" +
                                               std::to_string(frame.height) + " is outside 1.." +
                                               std::to_string(kMaxFrameSide));
  }
  if (frame.stride() < frame.width * frame.pixel_stride()) {
    return make_error(Errc::invalid_input, "scan.frame_invalid", "row stride " + std::to_string(frame.stride()) +
                                               " is shorter than a row of " + std::to_string(frame.width) + " pixels");
  }
  return ok_status();
}

void collect(const ZXing::Results& results, int max_codes, std::vector<DecodedCode>& out) {
  for (const ZXing::Result& r : results) {
    if (!r.isValid() || static_cast<int>(out.size()) >= max_codes) continue;
    const std::optional<CodeFormat> format = from_zxing(r.format());
    if (!format) continue;
    DecodedCode code{*format, r.text()};
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(std::move(code));
  }
}

bool has_format(const std::vector<DecodedCode>& codes, CodeFormat f) {
  return std::any_of(codes.begin(), codes.end(), [f](const DecodedCode& c) { return c.format == f; });
}

// The left, right, top and bottom halves: their centre lines are the frame's quarter lines.
void find_datamatrix_off_centre(const ZXing::ImageView& image, ZXing::DecodeHints hints, int max_codes,
                                std::vector<DecodedCode>& out) {
  hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
  const int w = image.width(), h = image.height();
  const ZXing::ImageView halves[] = {image.cropped(0, 0, w / 2, h), image.cropped(w / 2, 0, w - w / 2, h),
                                     image.cropped(0, 0, w, h / 2), image.cropped(0, h / 2, w, h - h / 2)};
  for (const ZXing::ImageView& half : halves) {
    if (half.width() < 2 || half.height() < 2) continue;
    collect(ZXing::ReadBarcodes(half, hints), max_codes, out);
    if (has_format(out, CodeFormat::data_matrix)) return;
  }
}

// The Y bytes of a YUYV frame, packed into a buffer kept per thread: a fresh 300 kB allocation per
// frame costs as much again as the copy (page faults), measured here.
const std::uint8_t* packed_luma(const FrameView& frame) {
  thread_local std::vector<std::uint8_t> luma;
  luma.resize(static_cast<std::size_t>(frame.width) * frame.height);
  const int step = frame.pixel_stride();
  for (int y = 0; y < frame.height; ++y) {
    const std::uint8_t* in = frame.data + static_cast<std::ptrdiff_t>(y) * frame.stride();
    std::uint8_t* out = luma.data() + static_cast<std::size_t>(y) * frame.width;
    for (int x = 0; x < frame.width; ++x) out[x] = in[x * step];
  }
  return luma.data();
}

}  // namespace

Result<std::vector<DecodedCode>> decode_codes(const FrameView& frame, const DecodeOptions& options) {
  if (Status s = check_view(frame); !s) return s.error();
  std::vector<DecodedCode> codes;
  if (options.formats.empty() || options.max_codes <= 0) return codes;

  // ZXing could read YUYV in place (pixel stride 2), but measured here it decodes a packed copy of
  // the Y bytes about a third faster than the strided view, copy included (classbook-scan-bench).
  const ZXing::ImageView image =
      frame.pixel_stride() == 1
          ? ZXing::ImageView(frame.data, frame.width, frame.height, ZXing::ImageFormat::Lum, frame.stride(), 1)
          : ZXing::ImageView(packed_luma(frame), frame.width, frame.height, ZXing::ImageFormat::Lum);
  ZXing::DecodeHints hints;
  hints.setFormats(to_zxing(options.formats))
      .setBinarizer(ZXing::Binarizer::LocalAverage)
      .setTryHarder(options.try_harder)
      .setTryRotate(options.try_rotate)
      .setTryDownscale(options.try_downscale)
      .setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::min(options.max_codes, 255)));
  // ZXing reports problems in its results, but it is a large library fed with camera noise: keep
  // anything it throws inside this boundary.
  try {
    collect(ZXing::ReadBarcodes(image, hints), options.max_codes, codes);
    if (options.datamatrix_off_centre && options.formats.has(CodeFormat::data_matrix) &&
        !has_format(codes, CodeFormat::data_matrix)) {
      find_datamatrix_off_centre(image, hints, options.max_codes, codes);
    }
    if (options.retry_global_threshold && codes.empty()) {
      hints.setBinarizer(ZXing::Binarizer::GlobalHistogram);
      collect(ZXing::ReadBarcodes(image, hints), options.max_codes, codes);
    }
  } catch (const std::exception& e) {
    return make_error(Errc::internal, "scan.decoder_failed", std::string("the barcode reader failed: ") + e.what());
  }
  return codes;
}

}  // namespace classbook::drivers
