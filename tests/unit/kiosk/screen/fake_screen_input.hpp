// fake_screen_input: records the hall's touches as text ("digit 7", "week -1"), with the thread each
// ran on; FakeAgent runs posted tasks on its own thread, as the kiosk agent's loop does.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/screen/screen_state.hpp"

namespace classbook::kiosk::test {

class FakeScreenInput final : public ScreenInput {
 public:
  void pin_digit(int d) override { record("digit " + std::to_string(d)); }
  void pin_erase() override { record("erase"); }
  void pin_submit() override { record("submit"); }
  void week_step(int delta) override { record("week " + std::to_string(delta)); }
  void done() override { record("done"); }
  void print_extract() override { record("print"); }

  // Waits until `n` calls have arrived (or the timeout passed) and returns them.
  std::vector<std::string> wait_for(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(m_);
    cv_.wait_for(lock, timeout, [&] { return calls_.size() >= n; });
    return calls_;
  }
  std::vector<std::thread::id> threads() {
    std::lock_guard lock(m_);
    return threads_;
  }

 private:
  void record(std::string call) {
    std::lock_guard lock(m_);
    calls_.push_back(std::move(call));
    threads_.push_back(std::this_thread::get_id());
    cv_.notify_all();
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::string> calls_;
  std::vector<std::thread::id> threads_;
};

class FakeAgent {
 public:
  FakeAgent() : thread_([this] { loop(); }) {}
  ~FakeAgent() {
    {
      std::lock_guard lock(m_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  std::function<void(std::function<void()>)> poster() {
    return [this](std::function<void()> task) {
      std::lock_guard lock(m_);
      tasks_.push_back(std::move(task));
      cv_.notify_all();
    };
  }
  std::thread::id id() const { return thread_.get_id(); }

 private:
  void loop() {
    std::unique_lock lock(m_);
    while (true) {
      cv_.wait(lock, [&] { return done_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace classbook::kiosk::test
