// box_files: the files the box keeps its data in, as the administrator's page reports them — the
// database and its WAL, the disk they are on, and the backups folder (what is in it, one file read).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::store {

// The size of a file; 0 when it is not there (a WAL checkpointed away), an error when it cannot be asked.
Result<std::uint64_t> file_bytes(const std::string& path);

struct DiskSpace {
  std::uint64_t free_bytes = 0;   // what an unprivileged process may still write
  std::uint64_t total_bytes = 0;
};
Result<DiskSpace> disk_space(const std::string& folder);

struct BackupFile {
  std::string name;      // "classbook-2026-12-07T10-00-00.123Z.db"
  std::uint64_t bytes = 0;
  std::string made_at;   // the file's modification time, UTC text
};
// The finished backups in `folder`, newest first: files named like backup_file_name() makes them (a
// ".partial" being written is not one). An absent folder holds none.
Result<std::vector<BackupFile>> backup_files(const std::string& folder);
// Whether `name` may be a backup's name at all: "classbook-" + letters, digits, '-', '.', 'T', 'Z' +
// ".db", at most 100 bytes — so no path, no "..", nothing outside the folder.
bool backup_name_shaped(std::string_view name);
// The whole file `folder/name`, refused (too_large) past `max_bytes`.
Result<std::string> read_backup_file(const std::string& folder, const std::string& name, std::uint64_t max_bytes);

}  // namespace classbook::store
