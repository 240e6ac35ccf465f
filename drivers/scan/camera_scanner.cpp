// camera_scanner: open → stream → (fail → wait with back-off → open again), on one thread.
#include "drivers/scan/camera_scanner.hpp"

#include <algorithm>
#include <utility>

#include "classbook/common/log.hpp"

namespace classbook::drivers {
namespace {

constexpr std::string_view kLog = "scan";

std::string seconds_text(std::chrono::milliseconds d) {
  const long long tenths = (d.count() + 50) / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " s";
}

}  // namespace

CameraScanner::CameraScanner(std::unique_ptr<FrameSource> source, const Clock& clock, CameraScannerOptions options)
    : source_(std::move(source)), clock_(clock), options_(std::move(options)), repeats_(options_.repeat_window) {
  options_.decode_every = std::max(1, options_.decode_every);
}

Status CameraScanner::start(ReaderSink& sink) {
  if (thread_.joinable()) return make_error(Errc::conflict, "reader.already_running", "the camera scanner " + options_.reader + " is already running");
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this, &sink] { run(sink); });
  return ok_status();
}

void CameraScanner::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool CameraScanner::stopping() {
  std::lock_guard lock(mutex_);
  return stop_;
}

bool CameraScanner::wait_unless_stopped(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, d, [this] { return stop_; });
}

void CameraScanner::report(ReaderSink& sink, ReaderState state, std::string detail) {
  if (state == last_state_ && detail == last_detail_) return;
  last_state_ = state;
  last_detail_ = detail;
  sink.on_status(ReaderStatus{options_.reader, options_.model, state, std::move(detail)});
}

void CameraScanner::run(ReaderSink& sink) {
  last_state_ = ReaderState::opening;
  last_detail_.clear();
  std::chrono::milliseconds delay = options_.reopen_first_delay;
  while (!stopping()) {
    // While absent, keep looking quietly: "absent" stays on screen until a camera appears.
    if (last_state_ != ReaderState::absent) report(sink, ReaderState::opening, source_->name());
    Status opened = source_->start();
    if (opened) {
      report(sink, ReaderState::ready, source_->name());
      Status streamed = stream(sink);
      source_->stop();
      if (streamed || stopping()) break;
      opened = streamed.error();
      // It streamed: the camera works, so this failure starts the back-off afresh.
      delay = options_.reopen_first_delay;
    }
    const Error& e = opened.error();
    std::chrono::milliseconds wait = options_.absent_recheck;
    if (e.code == Errc::not_found) {
      report(sink, ReaderState::absent, e.message);
    } else {
      report(sink, ReaderState::failed, "reopening in " + seconds_text(delay) + ": " + e.message);
      log::warn(kLog, options_.reader + ": " + e.message);
      wait = delay;
      delay = std::min(delay * 2, options_.reopen_max_delay);
    }
    if (!wait_unless_stopped(wait)) break;
  }
  source_->stop();
}

Status CameraScanner::stream(ReaderSink& sink) {
  long long frames = 0;
  bool warned = false;  // a source that hands out bad frames would otherwise log 30 lines a second
  auto last_frame = std::chrono::steady_clock::now();
  while (!stopping()) {
    Result<std::optional<FrameView>> next = source_->next(options_.frame_wait);
    if (!next) return next.error();
    const auto now = std::chrono::steady_clock::now();
    if (!next->has_value()) {
      if (now - last_frame > options_.stall_limit) {
        return make_error(Errc::unavailable, "camera.stalled", "the camera at " + source_->name() + " sent no picture for " +
                                                 seconds_text(options_.stall_limit));
      }
      continue;
    }
    last_frame = now;
    if (frames++ % options_.decode_every != 0) continue;
    Result<std::vector<DecodedCode>> codes = decode_codes(**next, options_.decode);
    if (!codes) {
      if (!std::exchange(warned, true)) log::warn(kLog, options_.reader + ": frames skipped: " + codes.error().message);
      continue;
    }
    for (const DecodedCode& code : *codes) {
      const TimePoint at = clock_.now();
      if (repeats_.accept(code, at)) sink.on_code(CodeScan{options_.reader, to_string(code.format), code.text, at});
    }
  }
  return ok_status();
}

}  // namespace classbook::drivers
