// scan_bench: how long decode_codes takes on one 640x480 camera frame — with a QR code in it and
// with nothing in it, as grey and as YUYV — so the camera scanner's "decode every frame" holds.
// Reports the median, p99 and frames per second of wall time and of this thread's CPU time (the
// CPU figure is steadier when other work shares the machine). Target: QR median ≤ 15 ms.
//
//   classbook-scan-bench [--count 300] [--formats QRCode,Code128,EAN-13,EAN-8,DataMatrix] [--centre-only]
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "drivers/scan/code_decoder.hpp"

using namespace classbook;
using namespace classbook::drivers;

namespace {

constexpr int kWidth = 640, kHeight = 480;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// A desk under uneven light with sensor noise: what the camera sees when nobody holds anything up.
GreyImage desk_frame() {
  GreyImage f{kWidth, kHeight, std::vector<std::uint8_t>(static_cast<std::size_t>(kWidth) * kHeight)};
  std::mt19937 rng(42);
  std::normal_distribution<double> noise(0.0, 3.0);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      const double v = 150 + 40.0 * x / kWidth - 30.0 * y / kHeight + noise(rng);
      f.pixels[static_cast<std::size_t>(y) * kWidth + x] = static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
    }
  }
  return f;
}

// The desk with a login slip's QR code (4 px per module, on white paper) a little off the middle.
GreyImage qr_frame() {
  GreyImage f = desk_frame();
  const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                    .setEncoding(ZXing::CharacterSet::UTF8)
                                    .setMargin(4)
                                    .encode("classbook:login:anna.petrova", 0, 0);
  const int module = 4, x0 = 260, y0 = 150;
  for (int y = 0; y < bits.height() * module; ++y) {
    for (int x = 0; x < bits.width() * module; ++x) {
      std::uint8_t& p = f.pixels[static_cast<std::size_t>(y0 + y) * kWidth + x0 + x];
      p = bits.get(x / module, y / module) ? 35 : 225;
    }
  }
  return f;
}

std::vector<std::uint8_t> as_yuyv(const GreyImage& g) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(2) * g.width * g.height, 128);
  for (std::size_t i = 0; i < g.pixels.size(); ++i) out[2 * i] = g.pixels[i];
  return out;
}

struct Figures {
  double median, p99;
};
Figures summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  return {at(0.5), at(0.99)};
}

void run(const char* label, const FrameView& frame, const DecodeOptions& options, int count, std::size_t expect) {
  std::vector<double> wall, cpu;
  std::size_t found = 0;
  for (int i = 0; i < count; ++i) {
    const auto w0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_ms();
    const auto codes = decode_codes(frame, options);
    cpu.push_back(thread_cpu_ms() - c0);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    if (codes) found = codes->size();
  }
  const Figures w = summarise(wall), c = summarise(cpu);
  std::printf("%-12s  wall median %6.2f ms  p99 %6.2f ms  %6.0f frames/s | cpu median %6.2f ms  p99 %6.2f ms  %s\n",
              label, w.median, w.p99, 1000.0 / w.median, c.median, c.p99,
              found == expect ? "" : "  (WRONG: codes found differ)");
}

}  // namespace

int main(int argc, char** argv) {
  int count = 300;
  DecodeOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--count" && i + 1 < argc) {
      count = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--formats" && i + 1 < argc) {
      auto formats = parse_code_formats(argv[++i]);
      if (!formats) {
        std::fprintf(stderr, "classbook-scan-bench: %s\n", formats.error().message.c_str());
        return 2;
      }
      options.formats = *formats;
    } else if (arg == "--centre-only") {
      options.datamatrix_off_centre = false;
    } else {
      std::fprintf(stderr, "usage: classbook-scan-bench [--count N] [--formats LIST] [--centre-only]\n");
      return 2;
    }
  }
  const GreyImage qr = qr_frame(), empty = desk_frame();
  const std::vector<std::uint8_t> qr_yuyv = as_yuyv(qr), empty_yuyv = as_yuyv(empty);
  std::printf("decode_codes on %dx%d frames, %d runs each%s\n", kWidth, kHeight, count,
              options.datamatrix_off_centre ? "" : " (DataMatrix at the centre lines only)");
  const std::size_t expect_qr = options.formats.has(CodeFormat::qr_code) ? 1 : 0;
  run("QR grey", qr.view(), options, count, expect_qr);
  run("QR YUYV", FrameView{qr_yuyv.data(), kWidth, kHeight, 2 * kWidth, PixelLayout::yuyv}, options, count, expect_qr);
  run("empty grey", empty.view(), options, count, 0);
  run("empty YUYV", FrameView{empty_yuyv.data(), kWidth, kHeight, 2 * kWidth, PixelLayout::yuyv}, options, count, 0);
  return 0;
}
