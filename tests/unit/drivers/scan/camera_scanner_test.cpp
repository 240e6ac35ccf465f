// Tests for CameraScanner: one scan per code held up (the repeat window on a FakeClock), decode
// every n-th frame, absent / failed / stalled cameras reopened with back-off, stop() joins.
#include "drivers/scan/camera_scanner.hpp"

#include <catch2/catch.hpp>

#include "fake_frame_source.hpp"
#include "recording_sink.hpp"
#include "synthetic_frame.hpp"

using namespace classbook;
using namespace classbook::drivers;
using namespace std::chrono_literals;
using test::FakeFrameSource;
using test::RecordingSink;

namespace {

const TimePoint kMorning{std::chrono::milliseconds(1'795'000'000'000)};

// Polls `done` until it holds; false after `limit` (for conditions no sink call signals).
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 10s) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

GreyImage qr_frame(const std::string& text) {
  return test::centred_code_frame(ZXing::BarcodeFormat::QRCode, text, 5);
}

CameraScannerOptions quick_options() {
  CameraScannerOptions o;
  o.reader = "camera@test";
  o.model = "Test camera";
  o.frame_wait = 20ms;
  o.reopen_first_delay = 100ms;
  o.reopen_max_delay = 200ms;
  o.absent_recheck = 20ms;
  return o;
}

std::vector<std::pair<ReaderState, std::string>> states(const std::vector<RecordingSink::Event>& events) {
  std::vector<std::pair<ReaderState, std::string>> out;
  for (const auto& e : events) out.emplace_back(e.status.state, e.status.detail);
  return out;
}

}  // namespace

TEST_CASE("a code held in front of the camera is one scan until it is gone for the repeat window", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{qr_frame("classbook:card:E37A5C1D")});
  FakeFrameSource& source = *owned;
  CameraScanner scanner(std::move(owned), clock, quick_options());
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());

  REQUIRE(sink.wait_for([](const auto& codes, const auto&) { return codes.size() == 1; }));
  const CodeScan first = sink.codes().front();
  CHECK(first.reader == "camera@test");
  CHECK(first.format == "QRCode");
  CHECK(first.text == "classbook:card:E37A5C1D");
  CHECK(first.at == kMorning);

  // Many more frames with the code in them, the clock standing still: still one scan.
  const long served = source.served_;
  REQUIRE(eventually([&] { return source.served_ > served + 20; }));
  CHECK(sink.codes().size() == 1);

  // Seen in every frame, the code never leaves its window, even long after the first sighting.
  for (int i = 0; i < 5; ++i) {
    clock.advance(kCodeRepeatWindow - 100ms);
    const long now_served = source.served_;
    REQUIRE(eventually([&] { return source.served_ > now_served + 5; }));
  }
  CHECK(sink.codes().size() == 1);

  // Unseen for longer than the window (the clock jumps between two frames): a new scan.
  clock.advance(kCodeRepeatWindow + 1ms);
  REQUIRE(sink.wait_for([](const auto& codes, const auto&) { return codes.size() == 2; }));
  CHECK(sink.codes()[1].at == clock.now());
  scanner.stop();
  CHECK(sink.cards() == 0);  // a camera never reports cards
}

TEST_CASE("decode_every skips frames: every second of [blank, code] never sees the code", "[scan][scanner]") {
  FakeClock clock(kMorning);
  const std::vector<GreyImage> frames{test::blank_frame(640, 480), qr_frame("classbook:login:anna.petrova")};
  for (int every : {1, 2}) {
    INFO("decode_every " << every);
    auto owned = std::make_unique<FakeFrameSource>(frames);
    FakeFrameSource& source = *owned;
    CameraScannerOptions options = quick_options();
    options.decode_every = every;
    CameraScanner scanner(std::move(owned), clock, options);
    RecordingSink sink;
    REQUIRE(scanner.start(sink).ok());
    REQUIRE(eventually([&] { return source.served_ > 20; }));
    scanner.stop();
    CHECK(sink.codes().size() == (every == 1 ? 1u : 0u));
  }
}

TEST_CASE("no camera: absent, looked for again quietly, ready once it appears", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{test::blank_frame(64, 48)});
  FakeFrameSource& source = *owned;
  const Error missing = make_error(Errc::not_found, "camera.not_found", "no camera at /dev/video0");
  source.fail_starts({missing, missing, missing});
  CameraScanner scanner(std::move(owned), clock, quick_options());
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto&, const auto& s) { return !s.empty() && s.back().status.state == ReaderState::ready; }));
  scanner.stop();

  using S = ReaderState;
  const std::vector<std::pair<S, std::string>> expected{
      {S::opening, "fake camera"}, {S::absent, "no camera at /dev/video0"}, {S::ready, "fake camera"}};
  CHECK(states(sink.statuses()) == expected);
  CHECK(source.starts_ == 4);
  CHECK(sink.statuses().front().status.reader == "camera@test");
  CHECK(sink.statuses().front().status.model == "Test camera");
}

TEST_CASE("a camera that fails to open is reopened with a doubling back-off", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{test::blank_frame(64, 48)});
  FakeFrameSource& source = *owned;
  const Error busy = make_error(Errc::unavailable, "camera.busy", "the camera at /dev/video0 is in use by another program");
  source.fail_starts({busy, busy, busy});
  CameraScanner scanner(std::move(owned), clock, quick_options());
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto&, const auto& s) { return !s.empty() && s.back().status.state == ReaderState::ready; }));
  scanner.stop();

  using S = ReaderState;
  const std::string why = ": the camera at /dev/video0 is in use by another program";
  const std::vector<std::pair<S, std::string>> expected{
      {S::opening, "fake camera"}, {S::failed, "reopening in 0.1 s" + why},
      {S::opening, "fake camera"}, {S::failed, "reopening in 0.2 s" + why},
      {S::opening, "fake camera"}, {S::failed, "reopening in 0.2 s" + why},  // capped at the maximum
      {S::opening, "fake camera"}, {S::ready, "fake camera"}};
  const auto events = sink.statuses();
  REQUIRE(states(events) == expected);
  // It really waited: the back-off is time, not just words.
  CHECK(events[2].when - events[1].when >= 90ms);
  CHECK(events[4].when - events[3].when >= 190ms);
}

TEST_CASE("a stream that breaks is reported failed, closed and opened again", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{test::blank_frame(64, 48)});
  FakeFrameSource& source = *owned;
  source.fail_next_at(3, make_error(Errc::unavailable, "camera.request_failed", "VIDIOC_DQBUF on /dev/video0 failed: Input/output error"));
  CameraScanner scanner(std::move(owned), clock, quick_options());
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto&, const auto& s) { return s.size() >= 5; }));
  scanner.stop();

  using S = ReaderState;
  const auto got = states(sink.statuses());
  CHECK(got[0] == std::pair<S, std::string>{S::opening, "fake camera"});
  CHECK(got[1] == std::pair<S, std::string>{S::ready, "fake camera"});
  CHECK(got[2] == std::pair<S, std::string>{
                      S::failed, "reopening in 0.1 s: VIDIOC_DQBUF on /dev/video0 failed: Input/output error"});
  CHECK(got[3] == std::pair<S, std::string>{S::opening, "fake camera"});
  CHECK(got[4] == std::pair<S, std::string>{S::ready, "fake camera"});
  CHECK(source.starts_ >= 2);
  CHECK(source.stops_ >= source.starts_);  // every opened stream was closed before the next
}

TEST_CASE("a camera that sends no picture for the stall limit is reopened", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{});
  FakeFrameSource& source = *owned;
  CameraScannerOptions options = quick_options();
  options.stall_limit = 100ms;
  CameraScanner scanner(std::move(owned), clock, options);
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto&, const auto& s) { return s.size() >= 4; }));
  scanner.stop();
  const auto got = states(sink.statuses());
  CHECK(got[2].first == ReaderState::failed);
  CHECK_THAT(got[2].second, Catch::Contains("sent no picture for 0.1 s"));
  CHECK(got[3].first == ReaderState::opening);
  CHECK(source.starts_ >= 2);
}

TEST_CASE("stop() joins promptly, closes the camera, and no sink call follows it", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{qr_frame("classbook:card:E37A5C1D")});
  FakeFrameSource& source = *owned;
  CameraScanner scanner(std::move(owned), clock, quick_options());
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  CHECK_FALSE(scanner.start(sink).ok());  // already running
  REQUIRE(sink.wait_for([](const auto& codes, const auto&) { return codes.size() == 1; }));

  const auto before = std::chrono::steady_clock::now();
  scanner.stop();
  CHECK(std::chrono::steady_clock::now() - before < 1s);
  CHECK(source.stops_ >= 1);
  const std::size_t statuses = sink.statuses().size();
  const long served = source.served_;
  clock.advance(kCodeRepeatWindow * 2);  // would make the code new again, were anything still running
  std::this_thread::sleep_for(100ms);
  CHECK(sink.statuses().size() == statuses);
  CHECK(sink.codes().size() == 1);
  CHECK(source.served_ == served);
  scanner.stop();  // twice is fine

  // And it can be started again after a stop.
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto& codes, const auto&) { return codes.size() == 2; }));
  scanner.stop();
}

TEST_CASE("stop() while waiting out a long back-off returns at once", "[scan][scanner]") {
  FakeClock clock(kMorning);
  auto owned = std::make_unique<FakeFrameSource>(std::vector<GreyImage>{});
  owned->fail_starts({make_error(Errc::unavailable, "camera.request_failed", "broken")});
  CameraScannerOptions options = quick_options();
  options.reopen_first_delay = 60s;
  CameraScanner scanner(std::move(owned), clock, options);
  RecordingSink sink;
  REQUIRE(scanner.start(sink).ok());
  REQUIRE(sink.wait_for([](const auto&, const auto& s) { return s.size() == 2; }));
  const auto before = std::chrono::steady_clock::now();
  scanner.stop();
  CHECK(std::chrono::steady_clock::now() - before < 1s);
}
