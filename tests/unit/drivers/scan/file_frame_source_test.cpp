// Tests for image files as frames: PNG round trip, FileFrameSource's order, pace, blank frames after
// the last file, looping, errors; and the camera scanner reading corpus pictures through it.
#include "drivers/scan/file_frame_source.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "drivers/scan/camera_scanner.hpp"
#include "drivers/scan/image_file.hpp"
#include "recording_sink.hpp"
#include "synthetic_frame.hpp"
#include "temp_dir.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;

namespace {

const std::string kSamples = CLASSBOOK_SCAN_SAMPLES;

std::vector<std::uint8_t> pixels_of(const FrameView& v) {
  std::vector<std::uint8_t> out;
  for (int y = 0; y < v.height; ++y) {
    for (int x = 0; x < v.width; ++x) out.push_back(v.data[static_cast<std::ptrdiff_t>(y) * v.stride() + x]);
  }
  return out;
}

}  // namespace

TEST_CASE("a grey image survives a PNG round trip byte for byte", "[scan][files]") {
  classbook::test::TempDir dir;
  const GreyImage noise = drivers::test::noise_frame(37, 23, 5);  // odd sizes: strides differ from widths
  REQUIRE(save_png_grey(noise, dir.file("n.png")).ok());
  const Result<GreyImage> back = load_png_grey(dir.file("n.png"));
  REQUIRE(back.ok());
  CHECK(back->width == 37);
  CHECK(back->height == 23);
  CHECK(back->pixels == noise.pixels);
}

TEST_CASE("image files that are missing or not PNG are refused with their name", "[scan][files]") {
  classbook::test::TempDir dir;
  const auto missing = load_png_grey(dir.file("absent.png"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == Errc::not_found);
  CHECK_THAT(missing.error().message, Catch::Contains("absent.png"));

  std::ofstream(dir.file("text.png")) << "not a picture";
  const auto garbage = load_png_grey(dir.file("text.png"));
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().code == Errc::invalid_input);
  CHECK_THAT(garbage.error().message, Catch::Contains("text.png is not a readable PNG"));

  FileFrameSource source({kSamples + "/slip_plain.png", dir.file("absent.png")});
  const Status started = source.start();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().code == Errc::not_found);
  CHECK_FALSE(source.next(10ms).ok());  // not started: no frames

  FileFrameSource nothing({});
  CHECK(nothing.start().error().code == Errc::not_found);
}

TEST_CASE("files come as frames in order, then a blank desk — or round again when looping", "[scan][files]") {
  classbook::test::TempDir dir;
  const GreyImage a = drivers::test::noise_frame(16, 8, 1), b = drivers::test::noise_frame(16, 8, 2);
  REQUIRE(save_png_grey(a, dir.file("a.png")).ok());
  REQUIRE(save_png_grey(b, dir.file("b.png")).ok());

  FileFrameSource once({dir.file("a.png"), dir.file("b.png")}, FileFrameOptions{0ms, false});
  CHECK(once.name() == "2 image files");
  REQUIRE(once.start().ok());
  const auto pixels_next = [](FileFrameSource& s) {
    auto frame = s.next(100ms);
    REQUIRE(frame.ok());
    REQUIRE(frame->has_value());
    return pixels_of(**frame);
  };
  CHECK(pixels_next(once) == a.pixels);
  CHECK(pixels_next(once) == b.pixels);
  const std::vector<std::uint8_t> blank = pixels_next(once);
  CHECK(blank.size() == b.pixels.size());
  CHECK(std::all_of(blank.begin(), blank.end(), [&](std::uint8_t p) { return p == blank.front(); }));
  CHECK(pixels_next(once) == blank);
  // stop() and start() again replay from the first file, as a reopened camera would.
  once.stop();
  REQUIRE(once.start().ok());
  CHECK(pixels_next(once) == a.pixels);

  FileFrameSource looping({dir.file("a.png"), dir.file("b.png")}, FileFrameOptions{0ms, true});
  REQUIRE(looping.start().ok());
  CHECK(pixels_next(looping) == a.pixels);
  CHECK(pixels_next(looping) == b.pixels);
  CHECK(pixels_next(looping) == a.pixels);
}

TEST_CASE("frames are paced by the interval — a shorter wait returns none", "[scan][files]") {
  FileFrameSource source({kSamples + "/slip_plain.png"}, FileFrameOptions{300ms, true});
  CHECK(source.name() == kSamples + "/slip_plain.png");
  REQUIRE(source.start().ok());
  const auto t0 = std::chrono::steady_clock::now();
  auto first = source.next(1s);
  REQUIRE(first.ok());
  CHECK(first->has_value());  // the first frame is due at once
  auto early = source.next(10ms);
  REQUIRE(early.ok());
  CHECK_FALSE(early->has_value());
  auto second = source.next(1s);
  REQUIRE(second.ok());
  CHECK(second->has_value());
  CHECK(std::chrono::steady_clock::now() - t0 >= 295ms);
}

TEST_CASE("the camera scanner reads a slip and a card shown one after the other, each code once", "[scan][files]") {
  FakeClock clock(TimePoint(std::chrono::milliseconds(1'795'000'000'000)));
  const std::vector<std::string> files{kSamples + "/slip_plain.png", kSamples + "/slip_turned_8deg.png",
                                       kSamples + "/none_empty_desk.png", kSamples + "/card_front_plain.png"};
  auto source = std::make_unique<FileFrameSource>(files, FileFrameOptions{5ms, false});
  CameraScannerOptions options;
  options.reader = "camera@files";
  CameraScanner scanner(std::move(source), clock, options);
  drivers::test::RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto& codes, const auto&) { return codes.size() >= 3; }));
  std::this_thread::sleep_for(100ms);  // blank frames follow the last file: nothing more comes
  scanner.stop();

  const auto codes = sink.codes();
  REQUIRE(codes.size() == 3);
  // The slip twice in a row (two frames) is one scan; the card's two codes are two scans.
  CHECK(codes[0].format == "QRCode");
  CHECK(codes[0].text == "classbook:login:anna.petrova");
  std::vector<std::string> card{codes[1].format + " " + codes[1].text, codes[2].format + " " + codes[2].text};
  std::sort(card.begin(), card.end());
  CHECK(card == std::vector<std::string>{"Code128 E37A5C1D", "QRCode classbook:card:E37A5C1D"});
  for (const CodeScan& c : codes) {
    CHECK(c.reader == "camera@files");
    CHECK(c.at == clock.now());
  }
  const auto statuses = sink.statuses();
  REQUIRE(statuses.size() >= 2);
  CHECK(statuses[1].status.state == ReaderState::ready);
  CHECK(statuses[1].status.detail == "4 image files");
}
