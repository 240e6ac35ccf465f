// hash_pool: a few threads with a bounded queue for Argon2 work (sign-in, password changes, PINs,
// roster imports), so password hashing never runs on the network threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::app {

// Each Argon2 hash takes ~30 ms and 19 MiB: two threads keep the box's two cores from being taken
// by a burst of sign-ins, and the queue bounds both the wait and the memory held by waiting work.
constexpr int default_hash_threads = 2;
constexpr std::size_t default_hash_queue_limit = 64;  // ~1 s of work at two threads; beyond it, "busy"

// The answer when the queue is full: the client tries again in a moment (HTTP 503).
Error hashing_busy();

class HashPool {
 public:
  explicit HashPool(int threads = default_hash_threads, std::size_t queue_limit = default_hash_queue_limit);
  // Runs what is queued, then ends the threads: every accepted job runs, so every reply is given.
  ~HashPool();
  HashPool(const HashPool&) = delete;
  HashPool& operator=(const HashPool&) = delete;

  // Queues `job` for a hashing thread; false (and `job` is dropped) when the queue is full.
  [[nodiscard]] bool submit(std::function<void()> job);
  std::size_t queued() const;

 private:
  void work();
  const std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace classbook::app
