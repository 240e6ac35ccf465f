// accounts: demo passwords, their argon2id hashes made on worker threads, and the accounts file.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "demo/demo_rng.hpp"
#include "demo/demo_school.hpp"

namespace classbook::demo {

// Ten characters, letters and digits, that pass auth::check_password_strength for `login`.
std::string demo_password(DemoRng& rng, std::string_view login);

// Hashes passwords on its own threads while the caller goes on writing the journal; the hashes
// come back in input order. Stops and joins its threads when destroyed.
class PasswordHasher {
 public:
  PasswordHasher(std::vector<std::string> passwords, int threads);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // Waits for every hash, reporting ("accounts", done, total) every progress_step hashes.
  Result<std::vector<std::string>> wait(const DemoProgress& progress);

  static constexpr std::size_t progress_step = 100;

 private:
  void work();

  std::vector<std::string> passwords_;
  std::vector<std::string> hashes_;
  std::vector<std::thread> threads_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t done_ = 0;     // guarded by mutex_
  std::string failure_;      // guarded by mutex_
};

}  // namespace classbook::demo
