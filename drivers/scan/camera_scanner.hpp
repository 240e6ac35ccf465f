// camera_scanner: a camera as a CardSource — a thread pulls frames, decodes them, drops repeats
// and reports each new code as a CodeScan; it never reports cards. No camera, or a failing one, is
// a status (absent / failed) and is opened again with back-off, like a USB reader.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "classbook/common/clock.hpp"
#include "drivers/reader.hpp"
#include "drivers/scan/code_decoder.hpp"
#include "drivers/scan/code_repeat_filter.hpp"
#include "drivers/scan/frame_source.hpp"

namespace classbook::drivers {

// How long one wait for a frame may take: also how long stop() may wait for the thread.
inline constexpr std::chrono::milliseconds kFrameWait{200};
// A streaming camera that sends nothing for this long is treated as failed and reopened.
inline constexpr std::chrono::milliseconds kCameraStallLimit{5000};
// Reopening after a failure: the first wait, doubled after each failure up to the limit.
inline constexpr std::chrono::milliseconds kReopenFirstDelay{500};
inline constexpr std::chrono::milliseconds kReopenMaxDelay{30000};
// With no camera plugged in, look again this often (cheap: one open() that fails).
inline constexpr std::chrono::milliseconds kAbsentRecheck{2000};

struct CameraScannerOptions {
  std::string reader = "camera";  // ReaderStatus::reader and CodeScan::reader, e.g. "camera@/dev/video0"
  std::string model = "USB camera";
  DecodeOptions decode;
  // Decode every n-th frame. With the default formats and passes a 640x480 frame costs about 6 ms
  // of CPU with a QR code in it and 9 ms empty (classbook-scan-bench, tests/bench/scan_bench.cpp),
  // well inside a 30 fps camera's 33 ms: every frame is the default. Raise it on a slower kiosk.
  int decode_every = 1;
  std::chrono::milliseconds repeat_window = kCodeRepeatWindow;
  std::chrono::milliseconds frame_wait = kFrameWait;
  std::chrono::milliseconds stall_limit = kCameraStallLimit;
  std::chrono::milliseconds reopen_first_delay = kReopenFirstDelay;
  std::chrono::milliseconds reopen_max_delay = kReopenMaxDelay;
  std::chrono::milliseconds absent_recheck = kAbsentRecheck;
};

class CameraScanner final : public CardSource {
 public:
  // `clock` stamps the scans and drives the repeat window; it must outlive the scanner.
  CameraScanner(std::unique_ptr<FrameSource> source, const Clock& clock, CameraScannerOptions options = {});
  ~CameraScanner() override { stop(); }
  CameraScanner(const CameraScanner&) = delete;
  CameraScanner& operator=(const CameraScanner&) = delete;

  Status start(ReaderSink& sink) override;
  void stop() override;
  void feedback(const std::string&, Feedback) override {}  // a camera has no LED or buzzer

 private:
  void run(ReaderSink& sink);
  // Streams until stop() or a failure; returns the failure (or ok when stopped).
  Status stream(ReaderSink& sink);
  // Tells the sink, unless it is exactly what it was last told.
  void report(ReaderSink& sink, ReaderState state, std::string detail);
  // Sleeps up to `d`; false when stop() came first.
  bool wait_unless_stopped(std::chrono::milliseconds d);
  bool stopping();

  std::unique_ptr<FrameSource> source_;
  const Clock& clock_;
  CameraScannerOptions options_;
  CodeRepeatFilter repeats_;
  ReaderState last_state_ = ReaderState::absent;  // the scanner thread's own
  std::string last_detail_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace classbook::drivers
