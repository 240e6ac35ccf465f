// backup: sqlite3_backup in steps, fsync, rename.
#include "store/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "store/schema.hpp"

namespace classbook::store {
namespace {
constexpr int pages_per_step = 256;  // small steps let writers in between

Status fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return make_error(Errc::unavailable, "backup.flush_failed", "cannot open " + path + " to flush it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return make_error(Errc::unavailable, "backup.flush_failed", "cannot flush " + path + " to disk");
  return ok_status();
}

// A backup holds every mark and every password hash: only the owner may read it, whatever the
// umask of whoever runs the backup. SQLite keeps the mode of a file that exists, so make it first.
Status create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, backup_file_mode);
  if (fd < 0) return make_error(Errc::unavailable, "backup.cannot_create", "cannot create " + path + "; is the folder writable?");
  const int rc = ::fchmod(fd, backup_file_mode);  // an existing file keeps its mode through open()
  ::close(fd);
  if (rc != 0) return make_error(Errc::unavailable, "backup.cannot_make_private", "cannot make " + path + " private to its owner");
  return ok_status();
}

std::string parent_dir(const std::string& path) {
  auto p = std::filesystem::path(path).parent_path();
  return p.empty() ? "." : p.string();
}
}  // namespace

Status make_backup_folder(const std::string& folder) {
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return make_error(Errc::unavailable, "backup.cannot_create", "cannot make the backups folder " + folder + ": " + ec.message());
  if (::chmod(folder.c_str(), 0700) != 0)  // backups hold every mark and password hash
    return make_error(Errc::unavailable, "backup.cannot_make_private", "cannot make " + folder + " private to its owner");
  return ok_status();
}

std::string backup_file_name(std::string_view utc_now) {
  std::string t(utc_now);
  for (auto& ch : t)
    if (ch == ':') ch = '-';  // a colon is awkward in file names copied to other systems
  return "classbook-" + t + ".db";
}

Status backup_database(Db& source, const std::string& target, const Progress& progress) {
  const std::string tmp = target + ".partial";
  std::filesystem::remove(tmp);
  if (auto s = create_private_file(tmp); !s) return s;
  {
    auto dest = Db::open(tmp, Db::Mode::read_write_create);
    if (!dest) return dest.error();
    sqlite3_backup* b = sqlite3_backup_init((*dest)->raw(), "main", source.raw(), "main");
    if (!b) return sqlite_error((*dest)->raw(), sqlite3_errcode((*dest)->raw()), "start backup");
    int rc;
    do {
      rc = sqlite3_backup_step(b, pages_per_step);
      if (progress) progress(sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      std::filesystem::remove(tmp);
      return sqlite_error((*dest)->raw(), rc, "backup to " + target);
    }
    if (auto s = (*dest)->exec("PRAGMA journal_mode=DELETE"); !s) return s;
    if (auto s = check_integrity(**dest); !s) return s;
  }
  if (auto s = fsync_path(tmp); !s) return s;
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) return make_error(Errc::unavailable, "backup.cannot_move", "cannot move the backup into " + target + ": " + ec.message());
  return fsync_path(parent_dir(target));
}

Status restore_database(const std::string& backup_path, const std::string& live_path) {
  {
    auto b = Db::open(backup_path, Db::Mode::read_only);
    if (!b) return b.error();
    if (auto s = check_integrity(**b); !s) return make_error(Errc::invalid_input, "backup.damaged", "the backup " + backup_path + " is damaged: " + s.error().message);
    auto& q = (*b)->prepare("PRAGMA user_version");
    auto version = q.first([](Stmt& r) { return r.i32(0); });
    if (!version) return version.error();
    if (!*version || **version < 1 || **version > current_schema_version())
      return make_error(Errc::invalid_input, "backup.not_a_backup", backup_path + " is not a Classbook backup this version can restore");
  }
  const std::string tmp = live_path + ".restoring";
  std::error_code ec;
  std::filesystem::copy_file(backup_path, tmp, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) return make_error(Errc::unavailable, "backup.cannot_copy", "cannot copy the backup: " + ec.message());
  if (::chmod(tmp.c_str(), backup_file_mode) != 0)
    return make_error(Errc::unavailable, "backup.cannot_make_private", "cannot make " + tmp + " private to its owner");
  if (auto s = fsync_path(tmp); !s) return s;
  if (std::filesystem::exists(live_path)) {
    // Fold the live WAL into the old file first, so ".before-restore" is complete on its own.
    {
      auto live = Db::open(live_path, Db::Mode::read_write);
      if (live) (void)(*live)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::filesystem::rename(live_path, live_path + ".before-restore", ec);
    if (ec) return make_error(Errc::unavailable, "backup.cannot_set_aside", "cannot set the old database aside: " + ec.message());
  }
  std::filesystem::remove(live_path + "-wal", ec);
  std::filesystem::remove(live_path + "-shm", ec);
  std::filesystem::rename(tmp, live_path, ec);
  if (ec) return make_error(Errc::unavailable, "backup.cannot_replace", "cannot move the restored database into place: " + ec.message());
  return fsync_path(parent_dir(live_path));
}

}  // namespace classbook::store
