// The golden corpus (tests/samples/scan): every picture decodes to exactly the codes its .txt
// lists — nothing missing, nothing invented — as a grey frame and as a camera's YUYV frame. On a
// failure the test prints one row per picture.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "drivers/scan/code_decoder.hpp"
#include "drivers/scan/image_file.hpp"
#include "synthetic_frame.hpp"

using namespace classbook;
using namespace classbook::drivers;
namespace fs = std::filesystem;

namespace {

// The corpus in the source tree, unless CLASSBOOK_SCAN_SAMPLES points at a freshly generated one.
std::string corpus_dir() {
  const char* env = std::getenv("CLASSBOOK_SCAN_SAMPLES");
  return env && *env ? env : CLASSBOOK_SCAN_SAMPLES;
}

// "Format: text" per line; '#' lines are notes; a file with no code line expects nothing.
std::vector<std::string> expected_codes(const fs::path& txt) {
  std::ifstream in(txt);
  std::vector<std::string> codes;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    codes.push_back(line);
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

std::vector<std::string> found_codes(const Result<std::vector<DecodedCode>>& decoded) {
  std::vector<std::string> codes;
  if (!decoded) return {"error: " + decoded.error().message};
  for (const DecodedCode& c : *decoded) codes.push_back(std::string(to_string(c.format)) + ": " + c.text);
  std::sort(codes.begin(), codes.end());
  return codes;
}

std::string joined(const std::vector<std::string>& codes) {
  if (codes.empty()) return "(nothing)";
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "" : " | ") + c;
  return out;
}

}  // namespace

TEST_CASE("every picture in the scanning corpus decodes to exactly its listed codes", "[scan][corpus]") {
  std::vector<fs::path> pictures;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.path().extension() == ".png") pictures.push_back(entry.path());
  }
  std::sort(pictures.begin(), pictures.end());
  INFO("corpus: " << corpus_dir());
  // The corpus must be there and keep its unreadable pictures, or this test proves little.
  REQUIRE(pictures.size() >= 20);

  std::ostringstream table;
  int failures = 0, expecting_nothing = 0, codes_checked = 0;
  for (const fs::path& png : pictures) {
    fs::path txt = png;
    txt.replace_extension(".txt");
    const std::vector<std::string> expected = expected_codes(txt);
    expecting_nothing += expected.empty();
    codes_checked += static_cast<int>(expected.size());

    Result<GreyImage> image = load_png_grey(png.string());
    std::vector<std::string> grey = {"error: " + (image ? std::string() : image.error().message)};
    std::vector<std::string> yuyv = grey;
    if (image) {
      grey = found_codes(decode_codes(image->view()));
      const int bytes_per_line = 2 * image->width;
      const std::vector<std::uint8_t> buffer = test::to_yuyv(*image, bytes_per_line);
      yuyv = found_codes(decode_codes(FrameView{buffer.data(), image->width, image->height, bytes_per_line,
                                                PixelLayout::yuyv}));
    }
    const bool ok = fs::exists(txt) && grey == expected && yuyv == expected;
    failures += !ok;
    table << (ok ? "  ok    " : "  FAIL  ") << png.filename().string() << "\n        expected: " << joined(expected)
          << "\n        grey:     " << joined(grey);
    if (yuyv != grey) table << "\n        yuyv:     " << joined(yuyv);
    if (!fs::exists(txt)) table << "\n        (no " << txt.filename().string() << " beside it)";
    table << "\n";
  }
  if (failures > 0) FAIL(failures << " of " << pictures.size() << " pictures decoded wrongly:\n" << table.str());
  CHECK(expecting_nothing >= 3);
  CHECK(codes_checked >= 30);
}

// Two pictures exist for one decoder pass each; without the pass they read (nearly) nothing. Should
// a newer ZXing read them anyway, the pass may no longer be needed.
TEST_CASE("the corpus exercises the quarter-line DataMatrix pass and the global-threshold retry", "[scan][corpus]") {
  const auto decode = [](const std::string& name, const DecodeOptions& options) {
    Result<GreyImage> image = load_png_grey(corpus_dir() + "/" + name);
    REQUIRE(image.ok());
    return found_codes(decode_codes(image->view(), options));
  };
  DecodeOptions centre_only;
  centre_only.datamatrix_off_centre = false;
  CHECK(decode("card_back_off_centre.png", centre_only) == std::vector<std::string>{"EAN-13: 2000170000426"});

  DecodeOptions local_only;
  local_only.retry_global_threshold = false;
  CHECK(decode("slip_low_contrast.png", local_only).empty());
  CHECK(decode("slip_low_contrast.png", {}) == std::vector<std::string>{"QRCode: classbook:login:anna.petrova"});
}
