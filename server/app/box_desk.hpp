// box_desk: the administrator's view of the box itself (issue 12) — its backups (list, make one now,
// download one) and its figures: version, uptime, database and WAL size, disk, the TLS certificate's
// expiry, the health checks. Backups are made by the same code as `classbookctl backup`, into the
// same folder, on the desk's own thread; files are read there too, never on a network thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/hash_pool.hpp"
#include "app/health.hpp"
#include "domain/policy.hpp"

namespace classbook::app {

// A backup is handed out in one answer held in memory, and the answer must be written within the
// server's request_timeout (30 s): 128 MiB is a big school's several years on a 100 Mbit/s LAN.
// A larger one is copied from the box (scp of the backups folder) — the error says where it is.
constexpr std::uint64_t max_backup_download_bytes = 128ull * 1024 * 1024;
constexpr std::size_t backup_queue_limit = 4;  // downloads waiting for the desk's file thread

// Where the box keeps what this desk reports (DataDir's layout).
struct BoxPlaces {
  std::string data_folder;         // the disk the free space is asked of
  std::string database;            // classbook.db; its WAL is database + "-wal"
  std::string backups;             // DataDir::backups()
  std::string server_certificate;  // tls/server.crt (the server's, then the CA's)
};

struct BackupView {
  std::string name;
  std::uint64_t bytes = 0;
  std::string made_at;  // UTC
  std::string kind;     // manual (classbookctl backup, the web) | auto (named classbook-auto-…)
};

struct BackupsView {
  std::vector<BackupView> backups;                // newest first
  std::optional<std::string> last_backup_at;      // the newest one's made_at
  std::optional<std::int64_t> last_backup_age_seconds;
  std::optional<std::string> running;             // the name of the backup being made now
  std::optional<std::string> running_since;
  std::optional<std::string> last_failure;        // why the last backup asked for here failed, until one succeeds
  std::optional<std::string> last_failure_at;
};

struct CertificateView {
  std::string subject;    // the server certificate's CN
  std::string not_after;  // UTC
  std::int64_t days_left = 0;  // whole days until not_after (negative once expired)
};

struct BoxView {
  std::string version;
  std::string started_at;
  std::int64_t uptime_seconds = 0;
  std::uint64_t database_bytes = 0, wal_bytes = 0;
  std::uint64_t free_disk_bytes = 0, disk_total_bytes = 0;
  std::optional<CertificateView> certificate;  // none when the file cannot be read (certificate_problem says why)
  std::string certificate_problem;
  std::vector<HealthCheck> health;
  std::optional<std::string> last_backup_at;
  int schema_version = 0;
};

class BoxDesk {
 public:
  BoxDesk(Context& ctx, BoxPlaces places, std::string version, TimePoint started);
  // Waits for a backup being made and the downloads queued.
  ~BoxDesk() = default;
  BoxDesk(const BoxDesk&) = delete;
  BoxDesk& operator=(const BoxDesk&) = delete;

  Result<BackupsView> backups(const domain::Actor& actor);
  // Starts a backup now; the answer is its name, before it is made (GET backups shows it running,
  // then listed, or last_failure). A second while one runs is refused (backup.already_running). The
  // finished backup is audited (entity "backup", action "make").
  Result<BackupView> start_backup(const domain::Actor& actor);
  // The backup's bytes; the name must be one GET backups lists (no path, nothing else of the disk).
  void download(const domain::Actor& actor, const std::string& name, Reply<std::string> reply);
  Result<BoxView> box(const domain::Actor& actor);

 private:
  void make_backup(const std::string& name, std::int64_t actor_user);
  Context& ctx_;
  const BoxPlaces places_;
  const std::string version_;
  const TimePoint started_;
  std::mutex mutex_;
  std::optional<std::string> running_, running_since_, last_failure_, last_failure_at_;
  HashPool files_{1, backup_queue_limit};   // downloads
  HashPool backup_{1, 1};                   // the one backup being made
};

}  // namespace classbook::app
