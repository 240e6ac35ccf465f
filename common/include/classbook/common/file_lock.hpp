// file_lock: one holder at a time across processes — an flock(2) on a file, released when the
// holder is destroyed or its process dies (so a crashed holder never leaves a stale lock behind).
#pragma once

#include <optional>
#include <string>

#include "classbook/common/result.hpp"

namespace classbook {

class FileLock {
 public:
  // Takes the lock on `path` (made, with its folder, if missing) without waiting: the lock, nullopt
  // when another holder has it, or an error when the file cannot be opened.
  [[nodiscard]] static Result<std::optional<FileLock>> try_take(const std::string& path);
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace classbook
