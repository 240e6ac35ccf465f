// backup: online backup of the live database and restore of a backup into place.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "store/db.hpp"

namespace classbook::store {

// Backups (and a restored database) are readable by their owner only: they hold every mark and
// every password hash.
constexpr unsigned backup_file_mode = 0600;

using Progress = std::function<void(int remaining_pages, int total_pages)>;

// Copies the database into `target` while it stays in use (SQLite online backup), then checks the
// copy's integrity. The copy is written beside the target (mode backup_file_mode) and renamed: no
// half-written backup.
Status backup_database(Db& source, const std::string& target, const Progress& progress = {});

// The backups folder (DataDir::backups) made if missing, private to its owner like the backups in it.
Status make_backup_folder(const std::string& folder);
// The name a backup made at `utc_now` ("2026-12-07T10:00:00.123Z") takes in that folder:
// "classbook-2026-12-07T10-00-00.123Z.db" — classbookctl's and the web's alike.
std::string backup_file_name(std::string_view utc_now);

// Replaces the database at `live_path` with `backup_path` after checking the backup's integrity
// and schema. The server must be stopped. The old file is kept as `<live_path>.before-restore`.
Status restore_database(const std::string& backup_path, const std::string& live_path);

}  // namespace classbook::store
