// recording_sink: a ReaderSink that keeps everything it is told (thread-safe), for tests to wait on
// and inspect; it also notices a call that comes after the source was stopped.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "drivers/reader.hpp"
#include "usb_testbed.hpp"

namespace classbook::test::usb {

class RecordingSink final : public drivers::ReaderSink {
 public:
  void on_card(const drivers::CardRead& read) override {
    std::lock_guard lock(mutex_);
    note_call();
    cards_.push_back(read);
    changed_.notify_all();
  }
  void on_code(const drivers::CodeScan& scan) override {
    std::lock_guard lock(mutex_);
    note_call();
    codes_.push_back(scan);
    changed_.notify_all();
  }
  void on_status(const drivers::ReaderStatus& status) override {
    std::lock_guard lock(mutex_);
    note_call();
    statuses_.push_back(status);
    changed_.notify_all();
  }

  std::vector<drivers::CardRead> cards() const {
    std::lock_guard lock(mutex_);
    return cards_;
  }
  std::vector<drivers::CodeScan> codes() const {
    std::lock_guard lock(mutex_);
    return codes_;
  }
  std::vector<drivers::ReaderStatus> statuses() const {
    std::lock_guard lock(mutex_);
    return statuses_;
  }
  std::size_t status_count() const {
    std::lock_guard lock(mutex_);
    return statuses_.size();
  }

  // Waits (on the sink's own condition variable, up to a generous deadline) until `n` cards have
  // arrived (more may come later).
  bool wait_cards(std::size_t n, std::chrono::milliseconds deadline = kWaitDeadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return cards_.size() >= n; });
  }
  // Waits for a status of `reader` in `state` reported after the first `after` statuses.
  bool wait_state(const std::string& reader, drivers::ReaderState state, std::size_t after = 0,
                  std::chrono::milliseconds deadline = kWaitDeadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return find_locked(reader, state, after).has_value(); });
  }
  std::optional<drivers::ReaderStatus> find_state(const std::string& reader, drivers::ReaderState state,
                                                  std::size_t after = 0) const {
    std::lock_guard lock(mutex_);
    return find_locked(reader, state, after);
  }
  // From now on any call is a defect (the source was stopped); calls_after_close() counts them.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  int calls_after_close() const {
    std::lock_guard lock(mutex_);
    return late_calls_;
  }

 private:
  static constexpr std::chrono::milliseconds kWaitDeadline{10000};  // far past any healthy wait

  std::optional<drivers::ReaderStatus> find_locked(const std::string& reader, drivers::ReaderState state,
                                                   std::size_t after) const {
    for (std::size_t i = after; i < statuses_.size(); ++i)
      if (statuses_[i].reader == reader && statuses_[i].state == state) return statuses_[i];
    return std::nullopt;
  }
  void note_call() {
    if (closed_) ++late_calls_;
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;  // any call
  std::vector<drivers::CardRead> cards_;
  std::vector<drivers::CodeScan> codes_;
  std::vector<drivers::ReaderStatus> statuses_;
  bool closed_ = false;
  int late_calls_ = 0;
};

}  // namespace classbook::test::usb
