// recording_sink: a ReaderSink that keeps what it is told and lets a test wait for it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

#include "drivers/reader.hpp"

namespace classbook::drivers::test {

class RecordingSink final : public ReaderSink {
 public:
  struct Event {
    ReaderStatus status;
    std::chrono::steady_clock::time_point when;
  };

  void on_card(const CardRead&) override {
    std::lock_guard lock(mutex_);
    ++cards_;
    changed_.notify_all();
  }
  void on_code(const CodeScan& scan) override {
    std::lock_guard lock(mutex_);
    codes_.push_back(scan);
    changed_.notify_all();
  }
  void on_status(const ReaderStatus& status) override {
    std::lock_guard lock(mutex_);
    statuses_.push_back(Event{status, std::chrono::steady_clock::now()});
    changed_.notify_all();
  }

  std::vector<CodeScan> codes() {
    std::lock_guard lock(mutex_);
    return codes_;
  }
  std::vector<Event> statuses() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }
  int cards() {
    std::lock_guard lock(mutex_);
    return cards_;
  }
  // Waits until `done(codes, statuses)` holds; false after `limit`.
  bool wait_for(const std::function<bool(const std::vector<CodeScan>&, const std::vector<Event>&)>& done,
                std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return done(codes_, statuses_); });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<CodeScan> codes_;
  std::vector<Event> statuses_;
  int cards_ = 0;
};

}  // namespace classbook::drivers::test
