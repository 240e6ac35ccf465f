// code_decoder: barcodes and QR codes in one camera frame. A pure function over a non-owning view
// (the only library it calls is ZXing-C++); loading images is for tests and tools.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"
#include "drivers/scan/code_format.hpp"
#include "drivers/scan/frame.hpp"

namespace classbook::drivers {

// Frames larger than this on either side are refused rather than decoded for seconds.
inline constexpr int kMaxFrameSide = 8192;
// A frame rarely shows more than a card's codes at once; more symbols cost time on every frame.
inline constexpr int kMaxCodesPerFrame = 8;

struct DecodeOptions {
  CodeFormats formats = kDefaultCodeFormats;
  bool try_harder = true;     // more scan lines and binarizer effort: slower, finds more
  bool try_rotate = true;     // also look for linear codes turned by 90°
  bool try_downscale = true;  // also try a smaller copy of large frames (helps blurred or large codes)
  // ZXing 1.4 finds a DataMatrix only when it crosses the frame's horizontal or vertical centre
  // line (docs/kiosk-research.md §6). When none was found there, look again in the frame's four
  // halves, whose centre lines are the quarter lines of the frame. Costs time on empty frames.
  bool datamatrix_off_centre = true;
  // The first pass thresholds each neighbourhood on its own (ZXing's LocalAverage), which loses
  // washed-out, low-contrast codes (measured on the corpus). When it found nothing, a second pass
  // thresholds the frame as a whole (GlobalHistogram): about half the first pass's time.
  bool retry_global_threshold = true;
  int max_codes = kMaxCodesPerFrame;
};

struct DecodedCode {
  CodeFormat format = CodeFormat::qr_code;
  std::string text;  // UTF-8
  friend bool operator==(const DecodedCode&, const DecodedCode&) = default;
};

// Every code found in the frame, each (format, text) once, in the order ZXing found them. An
// invalid view (no data, bad size or stride) is an invalid_input error; a frame with no code is an
// empty list.
Result<std::vector<DecodedCode>> decode_codes(const FrameView& frame, const DecodeOptions& options = {});

}  // namespace classbook::drivers
