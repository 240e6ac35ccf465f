// Tests for decode_codes on synthetic frames: each format, Cyrillic text, YUYV with padded rows,
// the DataMatrix centre-line pitfall, empty and noisy frames, invalid views.
#include "drivers/scan/code_decoder.hpp"

#include <catch2/catch.hpp>

#include "synthetic_frame.hpp"

using namespace classbook;
using namespace classbook::drivers;
using classbook::drivers::test::centred_code_frame;
using ZXing::BarcodeFormat;

namespace {

std::vector<DecodedCode> decode_ok(const FrameView& frame, const DecodeOptions& options = {}) {
  auto result = decode_codes(frame, options);
  INFO((result ? std::string() : result.error().message));
  REQUIRE(result.ok());
  return *result;
}

}  // namespace

TEST_CASE("each default format decodes from a synthetic 640x480 frame", "[scan][decoder]") {
  struct Case {
    BarcodeFormat zxing;
    CodeFormat format;
    std::string text;
    int module_px;
  };
  const Case cases[] = {
      {BarcodeFormat::QRCode, CodeFormat::qr_code, "classbook:card:E37A5C1D", 5},
      {BarcodeFormat::Code128, CodeFormat::code128, "E37A5C1D", 2},
      {BarcodeFormat::EAN13, CodeFormat::ean13, "4006381333931", 3},
      {BarcodeFormat::EAN8, CodeFormat::ean8, "96385074", 3},
      {BarcodeFormat::DataMatrix, CodeFormat::data_matrix, "classbook:card:E37A5C1D", 6},
  };
  for (const Case& c : cases) {
    INFO(to_string(c.format) << " " << c.text);
    const GreyImage frame = centred_code_frame(c.zxing, c.text, c.module_px);
    const auto codes = decode_ok(frame.view());
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].format == c.format);
    CHECK(codes[0].text == c.text);
  }
}

TEST_CASE("a QR code carrying Cyrillic text comes back as the same UTF-8", "[scan][decoder]") {
  const std::string text = "classbook:login:анна.петрова Анна Петрова, 5«Б»";
  const GreyImage frame = centred_code_frame(BarcodeFormat::QRCode, text, 4);
  const auto codes = decode_ok(frame.view());
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == text);
}

TEST_CASE("a YUYV frame is read through its Y bytes only, rows padded", "[scan][decoder]") {
  const GreyImage grey = centred_code_frame(BarcodeFormat::QRCode, "classbook:login:anna.petrova", 5);
  const int bytes_per_line = 2 * grey.width + 64;  // drivers may pad each row
  const std::vector<std::uint8_t> yuyv = test::to_yuyv(grey, bytes_per_line);
  const FrameView view{yuyv.data(), grey.width, grey.height, bytes_per_line, PixelLayout::yuyv};

  const auto codes = decode_ok(view);
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == "classbook:login:anna.petrova");

  // Read as grey, the same bytes are the chroma noise interleaved with the picture: no code.
  const FrameView wrong{yuyv.data(), grey.width, grey.height, bytes_per_line, PixelLayout::grey};
  CHECK(decode_ok(wrong).empty());
}

TEST_CASE("a grey frame with padded rows decodes", "[scan][decoder]") {
  const GreyImage grey = centred_code_frame(BarcodeFormat::Code128, "CB-000042", 2);
  const int stride = grey.width + 32;
  std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride) * grey.height, 0);
  for (int y = 0; y < grey.height; ++y) {
    std::copy_n(grey.pixels.begin() + static_cast<std::ptrdiff_t>(y) * grey.width, grey.width,
                padded.begin() + static_cast<std::ptrdiff_t>(y) * stride);
  }
  const auto codes = decode_ok(FrameView{padded.data(), grey.width, grey.height, stride, PixelLayout::grey});
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].format == CodeFormat::code128);
  CHECK(codes[0].text == "CB-000042");
}

TEST_CASE("a DataMatrix away from the centre lines is found by the quarter-line pass", "[scan][decoder]") {
  GreyImage frame = test::blank_frame(640, 480);
  // Entirely inside the top-left quarter's lower right: it crosses x = w/4 and y = h/4, not the centre.
  test::draw_code(frame, BarcodeFormat::DataMatrix, "classbook:card:E37A5C1D", 120, 80, 5);

  DecodeOptions centre_only;
  centre_only.datamatrix_off_centre = false;
  // ZXing 1.4's limitation, pinned here: should a newer ZXing find it, the extra pass can go.
  CHECK(decode_ok(frame.view(), centre_only).empty());

  const auto codes = decode_ok(frame.view());
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].format == CodeFormat::data_matrix);
  CHECK(codes[0].text == "classbook:card:E37A5C1D");
}

TEST_CASE("frames without a code give an empty list, not an invented code", "[scan][decoder]") {
  CHECK(decode_ok(test::blank_frame(640, 480).view()).empty());
  for (unsigned seed = 1; seed <= 5; ++seed) {
    INFO("noise seed " << seed);
    CHECK(decode_ok(test::noise_frame(640, 480, seed).view()).empty());
  }
  CHECK(decode_ok(test::blank_frame(1, 1).view()).empty());
}

TEST_CASE("only the asked formats are looked for", "[scan][decoder]") {
  const GreyImage qr = centred_code_frame(BarcodeFormat::QRCode, "classbook:card:E37A5C1D", 5);
  DecodeOptions linear_only;
  linear_only.formats = CodeFormat::code128 | CodeFormat::ean13;
  CHECK(decode_ok(qr.view(), linear_only).empty());

  DecodeOptions none;
  none.formats = CodeFormats{};
  CHECK(decode_ok(qr.view(), none).empty());

  DecodeOptions qr_only;
  qr_only.formats = CodeFormat::qr_code;
  CHECK(decode_ok(qr.view(), qr_only).size() == 1);
}

TEST_CASE("two codes in one frame both come back — a repeated code once", "[scan][decoder]") {
  GreyImage frame = test::blank_frame(640, 480);
  test::draw_code(frame, BarcodeFormat::QRCode, "classbook:card:E37A5C1D", 60, 150, 5);
  test::draw_code(frame, BarcodeFormat::QRCode, "classbook:card:0457A1B2C3D480", 380, 150, 5);
  auto codes = decode_ok(frame.view());
  REQUIRE(codes.size() == 2);
  std::vector<std::string> texts{codes[0].text, codes[1].text};
  std::sort(texts.begin(), texts.end());
  CHECK(texts == std::vector<std::string>{"classbook:card:0457A1B2C3D480", "classbook:card:E37A5C1D"});

  GreyImage twice = test::blank_frame(640, 480);
  test::draw_code(twice, BarcodeFormat::QRCode, "classbook:card:E37A5C1D", 60, 150, 5);
  test::draw_code(twice, BarcodeFormat::QRCode, "classbook:card:E37A5C1D", 380, 150, 5);
  codes = decode_ok(twice.view());
  REQUIRE(codes.size() == 1);
  CHECK(codes[0].text == "classbook:card:E37A5C1D");
}

TEST_CASE("invalid frame views are refused with a reason", "[scan][decoder]") {
  const GreyImage grey = test::blank_frame(64, 48);
  const auto refused = [](const FrameView& view, const std::string& words) {
    const auto result = decode_codes(view);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == Errc::invalid_input);
    CHECK_THAT(result.error().message, Catch::Contains(words));
  };
  refused(FrameView{nullptr, 64, 48, 64, PixelLayout::grey}, "no pixels");
  refused(FrameView{grey.pixels.data(), 0, 48, 64, PixelLayout::grey}, "0x48");
  refused(FrameView{grey.pixels.data(), 64, -1, 64, PixelLayout::grey}, "64x-1");
  refused(FrameView{grey.pixels.data(), kMaxFrameSide + 1, 1, 0, PixelLayout::grey}, "outside");
  refused(FrameView{grey.pixels.data(), 64, 24, 100, PixelLayout::yuyv}, "shorter than a row");
}
