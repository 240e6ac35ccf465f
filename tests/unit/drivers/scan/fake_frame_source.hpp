// fake_frame_source: a FrameSource run from a script, with a fail-on-Nth-call switch for start()
// and next(), so tests can make the camera absent, broken or flaky.
#pragma once

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "drivers/scan/frame_source.hpp"

namespace classbook::drivers::test {

class FakeFrameSource final : public FrameSource {
 public:
  // Each call to next() hands out the next of `frames`, round and round, after `pause`; with no
  // frames, next() never has one (a camera that went quiet).
  explicit FakeFrameSource(std::vector<GreyImage> frames, std::chrono::milliseconds pause = std::chrono::milliseconds(1))
      : frames_(std::move(frames)), pause_(pause) {}

  // start() fails with these errors in order; once they are used up, it succeeds.
  void fail_starts(std::deque<Error> errors) {
    std::lock_guard lock(mutex_);
    start_errors_ = std::move(errors);
  }
  // The n-th call to next() after each successful start (1-based) fails with `error`; 0 = never.
  void fail_next_at(int n, Error error) {
    std::lock_guard lock(mutex_);
    fail_next_at_ = n;
    next_error_ = std::move(error);
  }

  Status start() override {
    ++starts_;
    std::lock_guard lock(mutex_);
    if (!start_errors_.empty()) {
      Error e = start_errors_.front();
      start_errors_.pop_front();
      return e;
    }
    nexts_since_start_ = 0;
    running_ = true;
    return ok_status();
  }
  Result<std::optional<FrameView>> next(std::chrono::milliseconds timeout) override {
    std::this_thread::sleep_for(std::min(pause_, timeout));
    std::lock_guard lock(mutex_);
    if (!running_) return make_error(Errc::internal, "camera.not_started", "next() before start()");
    if (fail_next_at_ > 0 && ++nexts_since_start_ == fail_next_at_) return next_error_;
    if (frames_.empty()) return std::optional<FrameView>{};
    const GreyImage& frame = frames_[static_cast<std::size_t>(served_++) % frames_.size()];
    return std::optional<FrameView>{frame.view()};
  }
  void stop() override {
    ++stops_;
    std::lock_guard lock(mutex_);
    running_ = false;
  }
  std::string name() const override { return "fake camera"; }

  std::atomic<int> starts_{0}, stops_{0};
  std::atomic<long> served_{0};  // frames handed out

 private:
  std::mutex mutex_;
  std::vector<GreyImage> frames_;
  std::chrono::milliseconds pause_;
  std::deque<Error> start_errors_;
  int fail_next_at_ = 0;
  int nexts_since_start_ = 0;
  Error next_error_ = make_error(Errc::internal, "test.no_failure_planned", "no failure planned");
  bool running_ = false;
};

}  // namespace classbook::drivers::test
