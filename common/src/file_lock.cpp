// file_lock: flock(2) on its own open file description, so two holders in one process exclude
// each other just as two processes do.
#include "classbook/common/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace classbook {

Result<std::optional<FileLock>> FileLock::try_take(const std::string& path) {
  std::error_code ec;
  if (const auto folder = std::filesystem::path(path).parent_path(); !folder.empty())
    std::filesystem::create_directories(folder, ec);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return make_error(Errc::unavailable, "lock.cannot_open",
                      "cannot open the lock file " + path + ": " + std::strerror(errno) +
                          " — check that this user may write in its folder");
  int r;
  do r = ::flock(fd, LOCK_EX | LOCK_NB);
  while (r != 0 && errno == EINTR);
  if (r != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::optional<FileLock>{};
    return make_error(Errc::unavailable, "lock.cannot_open", "cannot lock " + path + ": " + std::strerror(err));
  }
  return std::optional<FileLock>(FileLock(fd));
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor of the description releases the lock
}

}  // namespace classbook
