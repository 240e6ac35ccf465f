// private_file: temp file (created 0600), write, fsync, rename, fsync of the directory.
#include "classbook/common/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace classbook {

Status write_private_file(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  auto failed = [&path](const std::string& step, int err) {
    return make_error(Errc::unavailable, "file.cannot_write",
                      "cannot " + step + " " + path + ": " + std::strerror(err) +
                          " — check that the directory exists, is writable by this user and the "
                          "disk is not full");
  };
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = mkostemp(temp.data(), O_CLOEXEC);  // created 0600 or stricter
  if (fd < 0) return failed("create a temporary file beside", errno);
  auto abandon = [&](const std::string& step) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    ::unlink(temp.c_str());
    return failed(step, err);
  };
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) return abandon("set mode 0600 on the new");
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return abandon("write");
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("flush to disk");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failed("close", err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return failed("replace", err);
  }
  // The rename is durable only once the directory entry itself reaches the disk.
  const fs::path parent = fs::path(path).parent_path();
  const std::string dir = parent.empty() ? std::string(".") : parent.string();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return failed("open the directory of", errno);
  const int synced = ::fsync(dfd);
  const int err = errno;
  ::close(dfd);
  if (synced != 0) return failed("flush the directory of", err);
  return ok_status();
}

}  // namespace classbook
