// box_files: stat, statvfs and a directory listing — the only file-system questions the API asks.
#include "store/box_files.hpp"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "classbook/common/clock.hpp"

namespace classbook::store {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t max_backup_name_bytes = 100;
constexpr std::string_view backup_prefix = "classbook-";
constexpr std::string_view backup_suffix = ".db";

Error cannot(const std::string& what, const std::string& path) {
  return make_error(Errc::unavailable, "box.file_unreadable", "cannot " + what + " " + path + ": " + std::strerror(errno));
}

std::string utc_of(const struct timespec& t) {
  return format_utc(TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::seconds(t.tv_sec) +
                                                                              std::chrono::nanoseconds(t.tv_nsec))));
}

}  // namespace

Result<std::uint64_t> file_bytes(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::uint64_t{0};
    return cannot("read the size of", path);
  }
  return static_cast<std::uint64_t>(st.st_size);
}

Result<DiskSpace> disk_space(const std::string& folder) {
  struct statvfs v {};
  if (::statvfs(folder.c_str(), &v) != 0) return cannot("ask the free space of", folder);
  return DiskSpace{static_cast<std::uint64_t>(v.f_bavail) * v.f_frsize, static_cast<std::uint64_t>(v.f_blocks) * v.f_frsize};
}

bool backup_name_shaped(std::string_view name) {
  if (name.size() > max_backup_name_bytes || name.size() <= backup_prefix.size() + backup_suffix.size()) return false;
  if (!name.starts_with(backup_prefix) || !name.ends_with(backup_suffix)) return false;
  const auto middle = name.substr(backup_prefix.size(), name.size() - backup_prefix.size() - backup_suffix.size());
  if (middle.find("..") != std::string_view::npos) return false;
  return std::all_of(middle.begin(), middle.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
  });
}

Result<std::vector<BackupFile>> backup_files(const std::string& folder) {
  std::vector<BackupFile> out;
  std::error_code ec;
  if (!fs::exists(folder, ec)) return out;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (!backup_name_shaped(name)) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) {
      if (errno == ENOENT) continue;  // removed while we looked
      return cannot("read", it->path().string());
    }
    if (!S_ISREG(st.st_mode)) continue;  // a link or a folder is not a backup this box made
    out.push_back({name, static_cast<std::uint64_t>(st.st_size), utc_of(st.st_mtim)});
  }
  if (ec) return make_error(Errc::unavailable, "box.file_unreadable", "cannot list the backups in " + folder + ": " + ec.message());
  std::sort(out.begin(), out.end(), [](const BackupFile& a, const BackupFile& b) {
    return a.made_at != b.made_at ? a.made_at > b.made_at : a.name > b.name;
  });
  return out;
}

Result<std::string> read_backup_file(const std::string& folder, const std::string& name, std::uint64_t max_bytes) {
  if (!backup_name_shaped(name))
    return make_error(Errc::not_found, "backup.not_found", "no backup is called that; GET /api/v1/backups lists them", "name");
  const auto path = folder + "/" + name;
  auto size = file_bytes(path);
  if (!size) return size.error();
  if (*size > max_bytes)
    return make_error(Errc::invalid_input, "backup.too_large", "this backup is larger than the " + std::to_string(max_bytes >> 20) +
                                                                   " MiB the web hands out; copy " + path + " from the box instead", "name");
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannot("open", path);
  std::string bytes(static_cast<std::size_t>(*size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) return cannot("read", path);
  return bytes;
}

}  // namespace classbook::store
